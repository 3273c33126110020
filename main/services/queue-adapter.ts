// QueuePort over the kiosk database's queue and statistics (main/queue, main/stats). The visit's
// personal data goes to the queue's encrypted fields; statistics carry none.
import type { Dashboard, QueueLive } from '../../domain/statistics.ts';
import type { Actor } from '../../domain/request.ts';
import { newAddressLine, previousAddressLine, type HouseholdDraft } from '../../domain/visit.ts';
import type { KioskDatabase } from './kiosk-database.ts';
import type { QueuePort } from './ports.ts';

/** The resident data the queue keeps (encrypted), from the visit's household. */
export function residentRecord(draft: HouseholdDraft): Record<string, string> {
  const head = draft.members.find((m) => m.id === draft.headId) ?? draft.members[0];
  const move = draft.move;
  return {
    name: head?.name ?? '',
    ...(head?.furigana ? { nameKana: head.furigana } : {}),
    ...(head ? { birthDate: head.birthDate, sex: head.sex } : {}),
    address: previousAddressLine(move),
    newAddress: newAddressLine(move),
    ...(move.phone ? { phone: move.phone } : {}),
    household: JSON.stringify(
      draft.members.map((m) => ({ name: m.name, furigana: m.furigana, birthDate: m.birthDate, sex: m.sex, relationship: m.relationship })),
    ),
  };
}

export class QueueModuleAdapter implements QueuePort {
  readonly #kiosk: KioskDatabase;
  readonly #close: () => void;
  readonly #formTitle: (formId: string) => string;

  /** `formTitle` names a form for supervisors (statistics store form ids, never titles). */
  constructor(kiosk: KioskDatabase, close: () => void = () => kiosk.close(), formTitle: (formId: string) => string = (formId) => formId) {
    this.#kiosk = kiosk;
    this.#close = close;
    this.#formTitle = formTitle;
  }

  enqueue(
    household: HouseholdDraft,
    procedures: readonly string[],
    _actor: Actor,
    given?: { id: string; ticket: string },
  ): { requestId: string; ticket: string } {
    // A moving visit's category is its move kind (domain/request.ts).
    const created = this.#kiosk.queue.enqueue({
      category: household.move.kind,
      forms: procedures,
      resident: residentRecord(household),
      given,
    });
    return { requestId: created.id, ticket: created.ticket };
  }

  advance(requestId: string, event: Parameters<QueuePort['advance']>[1], actor: Actor): void {
    this.#kiosk.queue.advance(requestId, event, actor);
  }

  live(): QueueLive {
    return this.#kiosk.liveQueue();
  }

  estimateSeconds(): number | null {
    return this.#kiosk.estimate().seconds;
  }

  today(): string {
    return this.#kiosk.today();
  }

  stats(from: string, to: string): Dashboard {
    return this.#kiosk.statistics({ from, to, formTitle: this.#formTitle });
  }

  close(): void {
    this.#close();
  }
}
