import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatPointer, parsePointer, resolvePointer } from './json-pointer.ts';

describe('JSON Pointer (RFC 6901)', () => {
  const rfc = {
    foo: ['bar', 'baz'],
    '': 0,
    'a/b': 1,
    'c%d': 2,
    'e^f': 3,
    'g|h': 4,
    'i\\j': 5,
    'k"l': 6,
    ' ': 7,
    'm~n': 8,
  };

  it("resolves the RFC's examples", () => {
    const cases: [string, unknown][] = [
      ['', rfc],
      ['/foo', ['bar', 'baz']],
      ['/foo/0', 'bar'],
      ['/', 0],
      ['/a~1b', 1],
      ['/c%d', 2],
      ['/e^f', 3],
      ['/g|h', 4],
      ['/i\\j', 5],
      ['/k"l', 6],
      ['/ ', 7],
      ['/m~0n', 8],
    ];
    for (const [pointer, value] of cases) {
      expect(resolvePointer(rfc, pointer)).toEqual({ found: true, value });
    }
  });

  it('finds nothing where nothing is', () => {
    for (const pointer of ['/missing', '/foo/2', '/foo/01', '/foo/-', '/foo/0/x', 'foo', '/m~2n']) {
      expect(resolvePointer(rfc, pointer)).toEqual({ found: false });
    }
    expect(resolvePointer({ toString: 1 }, '/constructor')).toEqual({ found: false });
  });

  it('round-trips any tokens through format and parse', () => {
    fc.assert(
      fc.property(fc.array(fc.string()), (tokens) => {
        expect(parsePointer(formatPointer(tokens))).toEqual(tokens);
      }),
    );
  });

  it('finds every value at the path it was put', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ minLength: 1 }), { minLength: 1, maxLength: 5 }),
        fc.double({ noNaN: true }),
        (path, value) => {
          const document: Record<string, unknown> = {};
          let node = document;
          path.slice(0, -1).forEach((key) => {
            const child: Record<string, unknown> = {};
            Object.defineProperty(node, key, {
              value: child,
              enumerable: true,
              writable: true,
              configurable: true,
            });
            node = child;
          });
          Object.defineProperty(node, path[path.length - 1] ?? '', {
            value,
            enumerable: true,
            writable: true,
            configurable: true,
          });
          expect(resolvePointer(document, formatPointer(path))).toEqual({ found: true, value });
        },
      ),
    );
  });
});
