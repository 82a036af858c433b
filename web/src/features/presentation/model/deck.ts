/**
 * Walking through the slides with the keyboard, as a pure function: → Space PageDown next,
 * ← PageUp previous, Home and End, digits then Enter to jump to a slide number, Esc to leave.
 */

export interface DeckState {
  /** The slide shown, 0-based. */
  index: number;
  /** How many slides there are (at least 1). */
  count: number;
  /** Digits typed so far for a jump ("12" then Enter goes to slide 12). */
  typed: string;
}

export type DeckKeyResult = { state: DeckState; leave: boolean; handled: boolean };

const clampIndex = (index: number, count: number) => Math.min(Math.max(index, 0), count - 1);

/** The state after a key (a KeyboardEvent's `key`); `handled` false lets the browser have it. */
export function deckKey(state: DeckState, key: string): DeckKeyResult {
  const at = (index: number): DeckKeyResult => ({
    state: { ...state, index: clampIndex(index, state.count), typed: '' },
    leave: false,
    handled: true,
  });
  if (/^[0-9]$/.test(key)) {
    // A slide number has at most as many digits as the slide count.
    const typed = (state.typed + key).slice(-String(state.count).length);
    return { state: { ...state, typed }, leave: false, handled: true };
  }
  switch (key) {
    case 'ArrowRight':
    case ' ':
    case 'PageDown':
      return at(state.index + 1);
    case 'ArrowLeft':
    case 'PageUp':
      return at(state.index - 1);
    case 'Home':
      return at(0);
    case 'End':
      return at(state.count - 1);
    case 'Enter':
      if (state.typed === '') return { state, leave: false, handled: false };
      return at(Number(state.typed) - 1);
    case 'Backspace':
      return { state: { ...state, typed: state.typed.slice(0, -1) }, leave: false, handled: true };
    case 'Escape':
      if (state.typed !== '')
        return { state: { ...state, typed: '' }, leave: false, handled: true };
      return { state, leave: true, handled: true };
    default:
      return { state, leave: false, handled: false };
  }
}
