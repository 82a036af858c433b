import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deckKey, type DeckState } from './deck.ts';

const KEYS = [
  'ArrowRight',
  ' ',
  'PageDown',
  'ArrowLeft',
  'PageUp',
  'Home',
  'End',
  'Enter',
  'Backspace',
  'Escape',
  'x',
  ...'0123456789',
];
const deck: fc.Arbitrary<DeckState> = fc.integer({ min: 1, max: 40 }).chain((count) =>
  fc.record({
    index: fc.integer({ min: 0, max: count - 1 }),
    count: fc.constant(count),
    typed: fc.constant(''),
  }),
);

function press(state: DeckState, keys: string[]): DeckState {
  return keys.reduce((current, key) => deckKey(current, key).state, state);
}

describe('deck keyboard', () => {
  it('always shows a slide that exists, whatever is pressed', () => {
    fc.assert(
      fc.property(deck, fc.array(fc.constantFrom(...KEYS), { maxLength: 60 }), (start, keys) => {
        let state = start;
        for (const key of keys) {
          state = deckKey(state, key).state;
          expect(state.index).toBeGreaterThanOrEqual(0);
          expect(state.index).toBeLessThan(state.count);
          expect(state.typed.length).toBeLessThanOrEqual(String(state.count).length);
        }
      }),
    );
  });

  it('goes forward and back one slide, stopping at the ends', () => {
    fc.assert(
      fc.property(deck, (state) => {
        const next = deckKey(state, 'ArrowRight').state.index;
        expect(next).toBe(Math.min(state.index + 1, state.count - 1));
        expect(deckKey(state, 'PageDown').state.index).toBe(next);
        expect(deckKey(state, ' ').state.index).toBe(next);
        expect(deckKey(state, 'ArrowLeft').state.index).toBe(Math.max(state.index - 1, 0));
        if (state.index < state.count - 1)
          expect(press(state, ['ArrowRight', 'PageUp']).index).toBe(state.index);
        expect(deckKey(state, 'Home').state.index).toBe(0);
        expect(deckKey(state, 'End').state.index).toBe(state.count - 1);
      }),
    );
  });

  it('jumps to the slide whose number was typed, clamped to the deck', () => {
    fc.assert(
      fc.property(deck, fc.integer({ min: 0, max: 99 }), (state, number) => {
        const digits = String(number).slice(-String(state.count).length);
        const jumped = press(state, [...digits, 'Enter']);
        expect(jumped.index).toBe(Math.min(Math.max(Number(digits) - 1, 0), state.count - 1));
        expect(jumped.typed).toBe('');
      }),
    );
  });

  it('leaves on Esc, unless a slide number is being typed (Esc clears it first)', () => {
    fc.assert(
      fc.property(deck, (state) => {
        expect(deckKey(state, 'Escape').leave).toBe(true);
        const typing = deckKey(state, '1').state;
        const cleared = deckKey(typing, 'Escape');
        expect(cleared.leave).toBe(false);
        expect(cleared.state.typed).toBe('');
        expect(deckKey(state, 'Enter').handled).toBe(false);
      }),
    );
  });
});
