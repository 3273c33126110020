// A request's life as a state machine over append-only events. The state is never stored as
// the truth: it is folded from the events (the `requests.state` column is a projection kept in
// the same transaction, and `deriveState` re-checks it).
import { KioskDataError } from './errors.ts';

export const requestStates = [
  'received', // ticket issued
  'forms-printed',
  'submitted', // signed and handed in
  'processing', // a counter has the case
  'ready', // resident called to collect
  'completed',
  'cancelled',
  'abandoned', // resident left / no-show
] as const;
export type RequestState = (typeof requestStates)[number];

export const eventKinds = [
  'received',
  'forms-printed',
  'submitted',
  'processing-started',
  'called',
  'completed',
  'cancelled',
  'abandoned',
] as const;
export type EventKind = (typeof eventKinds)[number];

export const finalStates: ReadonlySet<RequestState> = new Set(['completed', 'cancelled', 'abandoned']);
export const waitingStates: readonly RequestState[] = ['received', 'forms-printed', 'submitted'];

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
  cancelled: { from: ['received', 'forms-printed', 'submitted', 'processing', 'ready'], to: 'cancelled' },
  abandoned: { from: ['received', 'forms-printed', 'submitted', 'ready'], to: 'abandoned' },
};

/** Events that need the counter (and staff) recorded on them. */
export const counterEvents: ReadonlySet<EventKind> = new Set(['processing-started', 'called', 'completed']);

export function isEventKind(value: string): value is EventKind {
  return (eventKinds as readonly string[]).includes(value);
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

export function nextState(current: RequestState | null, kind: EventKind, ticket = ''): RequestState {
  const transition = transitions[kind];
  if (!transition.from.includes(current)) {
    const from = current === null ? '(なし)' : stateLabels[current];
    throw new KioskDataError(
      'illegal-transition',
      `${ticket ? `${ticket}: ` : ''}「${from}」の申請に「${kind}」は記録できません。`,
      `${ticket ? `${ticket}: ` : ''}event '${kind}' is not allowed in state '${current ?? 'none'}'.`,
    );
  }
  return transition.to;
}

/** Folds an event sequence into the state; throws on the first illegal step. */
export function deriveState(kinds: readonly EventKind[]): RequestState {
  let state: RequestState | null = null;
  for (const kind of kinds) state = nextState(state, kind);
  if (state === null) {
    throw new KioskDataError('illegal-transition', '申請にイベントがありません。', 'A request has no events.');
  }
  return state;
}
