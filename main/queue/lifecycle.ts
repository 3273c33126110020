// A request's life as a state machine over append-only events. The state is never stored as
// the truth: it is folded from the events (the `requests.state` column is a projection kept in
// the same transaction, and `deriveState` re-checks it).
import { KioskError } from '../../domain/errors.ts';
import {
  eventKind,
  finalStates as domainFinalStates,
  liveStates,
  type EventKind,
  type EventReason,
  type RequestState,
} from '../../domain/request.ts';

export { eventKinds, requestStates, waitingStates, type EventKind, type RequestState } from '../../domain/request.ts';

/** Final states, as a set for the projection's hot path. */
export const finalStates: ReadonlySet<RequestState> = new Set(domainFinalStates);

interface Transition {
  readonly from: readonly (RequestState | null)[];
  readonly to: RequestState;
}

/** Which state each event may follow, and where it leads. `null` = no events yet. */
export const transitions: Readonly<Record<EventKind, Transition>> = {
  received: { from: [null], to: 'received' },
  // Printing again (a reprint) keeps the state.
  'forms-printed': { from: ['received', 'forms-printed'], to: 'forms-printed' },
  submitted: { from: ['received', 'forms-printed'], to: 'submitted' },
  'processing-started': { from: ['submitted'], to: 'processing' },
  // Calling again (the resident did not come) keeps the state.
  called: { from: ['processing', 'ready'], to: 'ready' },
  completed: { from: ['processing', 'ready'], to: 'completed' },
  // Any live request may be cancelled.
  cancelled: { from: liveStates, to: 'cancelled' },
  abandoned: { from: ['received', 'forms-printed', 'submitted', 'ready'], to: 'abandoned' },
};

/**
 * The office closed with the request still open (reason `day-closed`): any live request is
 * abandoned, even one a counter had started (a person may not abandon that one).
 */
const DAY_CLOSED: Transition = { from: liveStates, to: 'abandoned' };

/** Events that need the counter (and staff) recorded on them. */
export const counterEvents: ReadonlySet<EventKind> = new Set(['processing-started', 'called', 'completed']);

export function isEventKind(value: string): value is EventKind {
  return eventKind.safeParse(value).success;
}

const stateLabels: Record<RequestState, string> = {
  received: '受付済',
  'forms-printed': '印刷済',
  submitted: '提出済',
  processing: '処理中',
  ready: '呼出済',
  completed: '完了',
  cancelled: '取消',
  abandoned: '不在',
};

export function nextState(current: RequestState | null, kind: EventKind, ticket = '', reason: EventReason | null = null): RequestState {
  const transition = kind === 'abandoned' && reason === 'day-closed' ? DAY_CLOSED : transitions[kind];
  if (!transition.from.includes(current)) {
    const from = current === null ? '(なし)' : stateLabels[current];
    throw new KioskError('queue/illegal-transition', {
      ja: `${ticket ? `${ticket}: ` : ''}「${from}」の申請に「${kind}」は記録できません。`,
      en: `${ticket ? `${ticket}: ` : ''}event '${kind}' is not allowed in state '${current ?? 'none'}'.`,
    });
  }
  return transition.to;
}

/** Folds an event sequence into the state; throws on the first illegal step. */
export function deriveState(kinds: readonly (EventKind | { kind: EventKind; reason: EventReason | null })[]): RequestState {
  let state: RequestState | null = null;
  for (const event of kinds) state = typeof event === 'string' ? nextState(state, event) : nextState(state, event.kind, '', event.reason);
  if (state === null) {
    throw new KioskError('queue/illegal-transition', { ja: '申請にイベントがありません。', en: 'A request has no events.' });
  }
  return state;
}
