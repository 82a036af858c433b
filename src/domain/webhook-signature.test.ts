import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhook } from './webhook-signature.ts';

const secrets = fc.string({ minLength: 1, maxLength: 40 });
const stamps = fc.integer({ min: 1_600_000_000, max: 2_000_000_000 });

describe('webhook signatures', () => {
  it('is the hex HMAC-SHA256 of "timestamp.body" under the secret', () => {
    expect(signWebhook('key', 1700000000, '{"a":1}')).toBe(
      `sha256=${createHmac('sha256', 'key').update('1700000000.{"a":1}').digest('hex')}`,
    );
  });

  it('verifies what it signed, within the tolerance', () => {
    fc.assert(
      fc.property(
        secrets,
        stamps,
        fc.string(),
        fc.integer({ min: -300, max: 300 }),
        (s, t, body, skew) => {
          const signature = signWebhook(s, t, body);
          expect(verifyWebhook(s, { signature, timestamp: String(t) }, body, t + skew)).toBe(true);
        },
      ),
    );
  });

  it('refuses another body, another secret, another timestamp or an old one', () => {
    fc.assert(
      fc.property(
        secrets,
        secrets,
        stamps,
        fc.string(),
        fc.string(),
        (s, other, t, body, tampered) => {
          const signature = signWebhook(s, t, body);
          const header = { signature, timestamp: String(t) };
          if (tampered !== body) expect(verifyWebhook(s, header, tampered, t)).toBe(false);
          if (other !== s) expect(verifyWebhook(other, header, body, t)).toBe(false);
          expect(verifyWebhook(s, { signature, timestamp: String(t + 1) }, body, t)).toBe(false);
          expect(verifyWebhook(s, header, body, t + 301)).toBe(false);
        },
      ),
    );
  });
});
