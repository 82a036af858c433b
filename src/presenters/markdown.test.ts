import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { markdownToText, renderMarkdown } from './markdown.ts';

describe('renderMarkdown', () => {
  it('renders the Markdown people write', () => {
    const html = renderMarkdown(
      '# Learned\n\n**Ship** weekly, see [the plan](https://example.com/plan).\n\n- one\n- two',
    );
    expect(html).toContain('<h1>Learned</h1>');
    expect(html).toContain('<strong>Ship</strong>');
    expect(html).toContain(
      '<a href="https://example.com/plan" rel="noopener noreferrer nofollow" target="_blank">the plan</a>',
    );
    expect(html).toContain('<li>two</li>');
  });

  it('escapes raw HTML and drops dangerous links', () => {
    const html = renderMarkdown(
      '<script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1)) [y](data:text/html,hi)',
    );
    expect(html).not.toMatch(/<script|<img|<[^>]*onerror|href="javascript|href="data/i);
    expect(html).toContain('&lt;script&gt;');
  });

  it('never lets a tag outside the allow-list or an event handler through, whatever the input', () => {
    const pieces = fc.constantFrom(
      '<',
      '>',
      '"',
      "'",
      '=',
      '[',
      ']',
      '(',
      ')',
      '`',
      '*',
      '!',
      'javascript:',
      'onerror',
      'script',
      'img',
      'svg',
      ' ',
      '\n',
      'a',
      'href',
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(pieces, fc.string()), { maxLength: 40 }), (parts) => {
        const html = renderMarkdown(parts.join(''));
        expect(html).not.toMatch(/<(script|img|svg|iframe|object|style)\b/i);
        expect(html).not.toMatch(/<[^>]+\son\w+=/i);
        expect(html).not.toMatch(/href="\s*javascript:/i);
      }),
      { numRuns: 500 },
    );
  });
});

describe('markdownToText', () => {
  it('keeps the words and drops the markup', () => {
    expect(markdownToText('## Title\n\n*a* **b** [c](https://x.y)')).toBe('Title a b c');
  });
});
