import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KioskError } from '../../../domain/errors.ts';
import {
  deriveState,
  eventKinds,
  nextState,
  requestStates,
  transitions,
  type EventKind,
  type RequestState,
} from '../../../main/queue/lifecycle.ts';

describe('request lifecycle', () => {
  it('follows the counter flow from ticket to completion', () => {
    expect(deriveState(['received', 'forms-printed', 'submitted', 'processing-started', 'called', 'completed'])).toBe('completed');
    expect(deriveState(['received', 'forms-printed', 'forms-printed', 'submitted'])).toBe('submitted');
    expect(deriveState(['received', 'submitted', 'processing-started', 'called', 'called', 'abandoned'])).toBe('abandoned');
    expect(deriveState(['received', 'cancelled'])).toBe('cancelled');
  });

  it('rejects illegal transitions with a clear Japanese and English message', () => {
    const cases: [RequestState | null, EventKind][] = [
      [null, 'submitted'],
      ['received', 'processing-started'],
      ['received', 'completed'],
      ['submitted', 'called'],
      ['processing', 'abandoned'],
      ['completed', 'cancelled'],
      ['cancelled', 'received'],
      ['abandoned', 'called'],
      ['received', 'received'],
    ];
    for (const [from, kind] of cases) {
      let error: unknown;
      try {
        nextState(from, kind, 'B-007');
      } catch (e) {
        error = e;
      }
      expect(error, `${from} + ${kind}`).toBeInstanceOf(KioskError);
      expect((error as KioskError).code).toBe('queue/illegal-transition');
      expect((error as KioskError).message).toContain('B-007');
      expect((error as KioskError).messageEn).toContain(kind);
    }
  });

  it('never leaves a final state', () => {
    for (const final of ['completed', 'cancelled', 'abandoned'] as const) {
      for (const kind of eventKinds) expect(() => nextState(final, kind)).toThrow(KioskError);
    }
  });

  it('every reachable state is a known state and every accepted sequence starts with received (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...eventKinds), { minLength: 1, maxLength: 12 }), (kinds) => {
        let state: RequestState | null = null;
        let legal = true;
        for (const kind of kinds) {
          if (!transitions[kind].from.includes(state)) {
            legal = false;
            break;
          }
          state = transitions[kind].to;
        }
        if (legal) {
          expect(deriveState(kinds)).toBe(state);
          expect(requestStates).toContain(state);
          expect(kinds[0]).toBe('received');
        } else {
          expect(() => deriveState(kinds)).toThrow(KioskError);
        }
      }),
    );
  });
});
