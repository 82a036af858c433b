/**
 * Signing webhook deliveries: `X-OKR-Signature: sha256=<hex>` where hex is the HMAC-SHA256, under
 * the endpoint's secret, of `<timestamp>.<body>` (`X-OKR-Timestamp`, seconds since the epoch).
 * Signing the timestamp with the body lets a receiver refuse old deliveries replayed later.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * What a receiver does: recompute and compare in constant time, and refuse a timestamp more
 * than `toleranceSeconds` away from its own clock.
 */
export function verifyWebhook(
  secret: string,
  header: { signature: string; timestamp: string },
  body: string,
  nowSeconds: number,
  toleranceSeconds = 300,
): boolean {
  const timestamp = Number(header.timestamp);
  if (!Number.isInteger(timestamp) || Math.abs(nowSeconds - timestamp) > toleranceSeconds) {
    return false;
  }
  const expected = Buffer.from(signWebhook(secret, timestamp, body));
  const presented = Buffer.from(header.signature);
  return expected.length === presented.length && timingSafeEqual(expected, presented);
}
