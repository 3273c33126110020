// One resident's visit at one counter: card → PIN (on the resident's screen) → members →
// move → procedures → preview → print → ticket. Holds the personal data of the visit in
// memory only, and drops all of it when the visit ends, the card is pulled after completion,
// or the screens time out.
import { v7 as uuidv7 } from 'uuid';
import type { FormChoice, Member, Move, Preview, ResidentView, SessionView, Step, UiError } from '../ipc/contract.ts';
import { steps } from '../ipc/contract.ts';
import type { AuditLog, AuditAction } from '../audit/audit-log.ts';
import type { EventHub } from './event-hub.ts';
import {
  ServiceError,
  type Actor,
  type CardPerson,
  type CardPort,
  type FormOverride,
  type FormsPort,
  type HouseholdDraft,
  type PrinterPort,
  type PrintJobState,
  type QueuePort,
  type RenderResult,
} from './ports.ts';
import { suggestFurigana } from './furigana.ts';
import { messages, toUiError } from './errors.ts';

export interface CounterSessionDeps {
  card: CardPort | null;
  forms: FormsPort | null;
  queue: QueuePort | null;
  printer: PrinterPort | null;
  events: EventHub;
  audit: AuditLog;
  actor(): Actor | null;
  /** The reader chosen for this counter (by name), or the first one. */
  readerName(): Promise<string | null>;
  rasterize(pdf: Uint8Array, page: number): Promise<string>;
  now?(): number;
}

type CardStep = SessionView['card'];
type PinState = SessionView['pin'];

const IDLE_PIN: PinState = { state: 'idle', retriesLeft: null };

export class CounterSession {
  readonly #deps: CounterSessionDeps;
  #active = false;
  #reference: string | null = null;
  #step: Step = 'card';
  #card: CardStep = 'waiting';
  #pin: PinState = IDLE_PIN;
  #reader: string | null = null;
  #members: Member[] = [];
  #cardAddress: string | null = null;
  #move: Move | null = null;
  #facts: Record<string, boolean> = {};
  #forms: FormChoice[] = [];
  #overrides = new Map<string, FormOverride>();
  #rendered: RenderResult | null = null;
  #preview: Preview | null = null;
  #previewMs: number | null = null;
  #cardReadAt: number | null = null;
  #requestId: string | null = null;
  #ticketNumber: string | null = null;
  #estimatedWaitMinutes: number | null = null;
  #printJobs: PrintJobState[] = [];
  #error: UiError | null = null;
  #busy: string | null = null;
  #memberSeq = 0;
  readonly #pageCache = new Map<string, string>();
  readonly #unsubscribeCard: (() => void) | null;

  constructor(deps: CounterSessionDeps) {
    this.#deps = deps;
    this.#unsubscribeCard = deps.card?.onChange(() => void this.#onCardChange()) ?? null;
  }

  #now(): number {
    return this.#deps.now?.() ?? performance.now();
  }

  #requireActor(): Actor {
    const actor = this.#deps.actor();
    if (!actor) throw new ServiceError('not-signed-in', messages.notSignedIn.ja, messages.notSignedIn.action, messages.notSignedIn.en);
    return actor;
  }

  #requireActive(): Actor {
    const actor = this.#requireActor();
    if (!this.#active) throw new ServiceError('no-session', messages.noSession.ja, messages.noSession.action, messages.noSession.en);
    return actor;
  }

  #audit(action: AuditAction, detail: string | null = null): void {
    const actor = this.#deps.actor();
    this.#deps.audit.record({
      staffId: actor?.staffId ?? null,
      counter: actor?.counter ?? null,
      action,
      reference: this.#reference,
      detail,
    });
  }

  #changed(): void {
    this.#deps.events.emit('session-changed', 'resident-changed');
  }

  #service<T>(port: T | null, name: string): T {
    if (!port)
      throw new ServiceError(
        'service-unavailable',
        messages.unavailable.ja(name),
        messages.unavailable.action,
        messages.unavailable.en(name),
      );
    return port;
  }

  // ---- views --------------------------------------------------------------------------

  async view(): Promise<SessionView> {
    if (this.#step === 'print' && this.#requestId && this.#deps.printer) {
      this.#printJobs = await this.#deps.printer.jobs(this.#requestId).catch(() => this.#printJobs);
    }
    return {
      active: this.#active,
      reference: this.#reference,
      step: this.#step,
      card: this.#card,
      pin: { ...this.#pin },
      members: this.#members.map((m) => ({ ...m, furiganaSuggestion: suggestFurigana(m, this.#members) })),
      cardAddress: this.#cardAddress,
      move: this.#move ? { ...this.#move } : null,
      facts: { ...this.#facts },
      factQuestions: this.#deps.forms?.factQuestions(this.#members) ?? [],
      forms: this.#forms.map((f) => ({ ...f })),
      preview: this.#preview,
      previewMs: this.#previewMs,
      printJobs: this.#printJobs.map((j) => ({ ...j })),
      ticket:
        this.#ticketNumber && this.#requestId
          ? { number: this.#ticketNumber, requestId: this.#requestId, estimatedWaitMinutes: this.#estimatedWaitMinutes }
          : null,
      error: this.#error,
      busy: this.#busy,
    };
  }

  residentView(): ResidentView {
    let phase: ResidentView['phase'] = 'welcome';
    if (this.#active) {
      if (this.#card === 'pin') phase = 'pin';
      else if (this.#card === 'reading') phase = 'reading';
      else if (this.#step === 'ticket') phase = 'done';
      else if (this.#step === 'preview' || this.#step === 'print') phase = this.#preview ? 'sign' : 'confirm';
      else if (this.#members.length > 0) phase = 'confirm';
    }
    const address = this.#move ? `${this.#move.address}${this.#move.building ? ` ${this.#move.building}` : ''}` : this.#cardAddress;
    return {
      phase,
      pin: {
        retriesLeft: this.#pin.retriesLeft,
        lastTry: this.#pin.retriesLeft === 1,
        wrong: this.#pin.state === 'wrong',
        blocked: this.#pin.state === 'blocked',
      },
      members: this.#members.map((m) => ({ name: m.name, furigana: m.furigana, birthDate: m.birthDate, relationship: m.relationship })),
      address: this.#active ? address : null,
      signForms: (this.#preview?.signatureMarks ?? []).filter((s) => s.count > 0).map((s) => ({ title: s.title, count: s.count })),
      ticket: this.#step === 'ticket' ? this.#ticketNumber : null,
    };
  }

  // ---- flow ---------------------------------------------------------------------------

  start(): void {
    this.#requireActor();
    this.#wipe();
    this.#active = true;
    this.#reference = uuidv7();
    this.#audit('session-started');
    this.#changed();
  }

  async readCard(unlock: 'pin' | 'code-b', codeB?: string): Promise<void> {
    this.#requireActive();
    const card = this.#service(this.#deps.card, 'カードリーダー');
    this.#error = null;
    const reader = await this.#deps.readerName();
    if (!reader) {
      this.#fail(new ServiceError('no-reader', messages.noReader.ja, messages.noReader.action, messages.noReader.en));
      return;
    }
    this.#reader = reader;
    if (unlock === 'code-b') {
      if (!codeB)
        throw new ServiceError('code-b-required', messages.codeBRequired.ja, messages.codeBRequired.action, messages.codeBRequired.en);
      await this.#read({ kind: 'code-b', code: codeB }, false);
      return;
    }
    try {
      const retries = await card.pinRetries(reader);
      if (retries <= 0) {
        this.#pin = { state: 'blocked', retriesLeft: 0 };
        this.#fail(new ServiceError('pin-blocked', messages.pinBlocked.ja, messages.pinBlocked.action, messages.pinBlocked.en, 0));
        return;
      }
      this.#pin = { state: 'prompting', retriesLeft: retries };
      this.#card = 'pin';
    } catch (error) {
      this.#fail(error);
      return;
    }
    this.#changed();
  }

  /** From the resident's screen only. The PIN is handed to the card layer and not kept. */
  async submitPin(pin: string, confirmLastTry: boolean): Promise<boolean> {
    if (!this.#active || this.#card !== 'pin' || !this.#reader) {
      throw new ServiceError('no-pin-request', messages.noPinRequest.ja, messages.noPinRequest.action, messages.noPinRequest.en);
    }
    if (this.#pin.retriesLeft === 1 && !confirmLastTry) return false;
    await this.#read({ kind: 'pin', pin }, confirmLastTry);
    return true;
  }

  cancelPin(): void {
    if (this.#card !== 'pin') return;
    this.#card = this.#members.length > 0 ? 'read' : 'waiting';
    this.#pin = IDLE_PIN;
    this.#changed();
  }

  async #read(unlock: { kind: 'pin'; pin: string } | { kind: 'code-b'; code: string }, allowLastTry: boolean): Promise<void> {
    const card = this.#service(this.#deps.card, 'カードリーダー');
    const reader = this.#reader;
    if (!reader) return;
    this.#card = 'reading';
    this.#busy = 'card-read';
    if (unlock.kind === 'pin') this.#pin = { ...this.#pin, state: 'checking' };
    this.#changed();
    try {
      const person = await card.read(reader, unlock, { allowLastTry });
      this.#onCardRead(person);
      this.#audit('card-read', unlock.kind);
    } catch (error) {
      this.#audit('card-read-failed', error instanceof ServiceError ? error.code : 'error');
      if (error instanceof ServiceError && error.code === 'wrong-pin') {
        this.#pin = { state: 'wrong', retriesLeft: error.retriesLeft ?? null };
        this.#card = 'pin';
        this.#error = toUiError(error);
      } else if (error instanceof ServiceError && error.code === 'pin-blocked') {
        this.#pin = { state: 'blocked', retriesLeft: 0 };
        this.#fail(error, false);
      } else {
        // A pulled card or a reader fault is not a wrong PIN: the retry count is left as it was.
        this.#pin = IDLE_PIN;
        this.#fail(error, false);
      }
    } finally {
      this.#busy = null;
      this.#changed();
    }
  }

  #onCardRead(person: CardPerson): void {
    const first = this.#members.length === 0;
    this.#members.push({
      id: `m${++this.#memberSeq}`,
      name: person.name,
      furigana: '',
      furiganaSuggestion: null,
      birthDate: person.birthDate,
      sex: person.sex,
      relationship: first ? '世帯主' : '',
      fromCard: true,
    });
    if (first) this.#cardAddress = person.address;
    this.#pin = IDLE_PIN;
    this.#card = 'read';
    this.#step = 'members';
    this.#cardReadAt = this.#now();
    this.#invalidatePreview();
  }

  #fail(error: unknown, emit = true): void {
    this.#card = 'error';
    this.#error = toUiError(error);
    if (emit) this.#changed();
  }

  updateMember(id: string, patch: { furigana?: string; relationship?: string }): void {
    this.#requireActive();
    const member = this.#members.find((m) => m.id === id);
    if (!member) throw new ServiceError('no-member', messages.noMember.ja, messages.noMember.action, messages.noMember.en);
    if (patch.furigana !== undefined) member.furigana = patch.furigana;
    if (patch.relationship !== undefined) member.relationship = patch.relationship;
    this.#error = null;
    this.#decide();
    this.#invalidatePreview();
    this.#changed();
  }

  addMember(input: Omit<Member, 'id' | 'fromCard' | 'furiganaSuggestion'>): void {
    this.#requireActive();
    this.#members.push({ ...input, id: `m${++this.#memberSeq}`, furiganaSuggestion: null, fromCard: false });
    if (this.#step === 'card') this.#step = 'members';
    this.#audit('member-added', 'manual');
    this.#decide();
    this.#invalidatePreview();
    this.#changed();
  }

  removeMember(id: string): void {
    this.#requireActive();
    this.#members = this.#members.filter((m) => m.id !== id);
    this.#audit('member-removed');
    this.#decide();
    this.#invalidatePreview();
    this.#changed();
  }

  setMove(move: Move): void {
    this.#requireActive();
    this.#move = { ...move };
    this.#step = 'procedures';
    this.#decide();
    this.#changed();
  }

  setFacts(facts: Record<string, boolean>): void {
    this.#requireActive();
    this.#facts = { ...facts };
    this.#decide();
    this.#changed();
  }

  toggleForm(formId: string, selected: boolean, reason: string): void {
    this.#requireActive();
    if (!this.#forms.some((f) => f.id === formId)) {
      throw new ServiceError('unknown-form', messages.unknownForm.ja, messages.unknownForm.action, messages.unknownForm.en);
    }
    this.#overrides.set(formId, { procedureId: formId, action: selected ? 'add' : 'remove', reason });
    this.#audit(selected ? 'form-added' : 'form-removed', formId);
    this.#decide();
    this.#changed();
  }

  goTo(step: Step): void {
    this.#requireActive();
    const target = steps.indexOf(step);
    if (target > steps.indexOf(this.#furthestAllowed())) {
      throw new ServiceError('step-not-ready', messages.stepNotReady.ja, messages.stepNotReady.action, messages.stepNotReady.en);
    }
    this.#step = step;
    this.#error = null;
    this.#changed();
  }

  #furthestAllowed(): Step {
    if (this.#ticketNumber) return 'ticket';
    if (this.#requestId) return 'print';
    if (this.#preview) return 'preview';
    if (this.#move) return 'procedures';
    if (this.#members.length > 0) return 'move';
    return 'card';
  }

  #household(): HouseholdDraft {
    const move = this.#move;
    if (!move || this.#members.length === 0 || !this.#reference) {
      throw new ServiceError(
        'household-incomplete',
        messages.householdIncomplete.ja,
        messages.householdIncomplete.action,
        messages.householdIncomplete.en,
      );
    }
    const head = this.#members.find((m) => m.relationship === '世帯主') ?? this.#members[0];
    return {
      reference: this.#reference,
      members: this.#members.map((m) => ({ ...m })),
      headId: head?.id ?? null,
      move: { ...move },
      facts: { ...this.#facts },
    };
  }

  #decide(): void {
    const forms = this.#deps.forms;
    if (!forms || !this.#move) return;
    try {
      this.#forms = forms.decide(this.#household(), [...this.#overrides.values()]).map((d) => ({
        id: d.id,
        title: d.title,
        reason: d.reason,
        selected: d.included,
        decidedBy: d.decidedBy,
      }));
      this.#error = null;
    } catch (error) {
      this.#error = toUiError(error);
    }
    this.#invalidatePreview();
  }

  #invalidatePreview(): void {
    if (this.#requestId) return; // after printing the printed set stays the record
    this.#rendered = null;
    this.#preview = null;
    this.#previewMs = null;
    this.#pageCache.clear();
  }

  async renderPreview(): Promise<void> {
    this.#requireActive();
    const forms = this.#service(this.#deps.forms, '帳票作成');
    const household = this.#household();
    if (!this.#forms.some((f) => f.selected))
      throw new ServiceError('no-forms', messages.noForms.ja, messages.noForms.action, messages.noForms.en);
    this.#busy = 'preview';
    this.#step = 'preview';
    this.#changed();
    try {
      const rendered = await forms.render(household, [...this.#overrides.values()]);
      this.#rendered = rendered;
      this.#pageCache.clear();
      this.#preview = {
        forms: rendered.forms.map((f) => ({ id: f.id, title: f.title, pageCount: f.pageCount })),
        problems: rendered.problems.map((p) => ({ ...p })),
        signatureMarks: rendered.forms.map((f) => ({ formId: f.id, title: f.title, count: f.signatureMarks })),
      };
      this.#previewMs = this.#cardReadAt === null ? null : Math.round(this.#now() - this.#cardReadAt);
      this.#error = null;
      this.#audit('preview-rendered', String(rendered.forms.length));
    } catch (error) {
      this.#error = toUiError(error);
    } finally {
      this.#busy = null;
      this.#changed();
    }
  }

  async previewPage(formId: string, page: number): Promise<string> {
    this.#requireActive();
    const form = this.#rendered?.forms.find((f) => f.id === formId);
    if (!form || page > form.pageCount) throw new ServiceError('no-page', messages.noPage.ja, messages.noPage.action, messages.noPage.en);
    const key = `${formId}#${page}`;
    const cached = this.#pageCache.get(key);
    if (cached) return cached;
    const dataUrl = await this.#deps.rasterize(form.pdf, page);
    this.#pageCache.set(key, dataUrl);
    return dataUrl;
  }

  async print(): Promise<void> {
    const actor = this.#requireActive();
    const rendered = this.#rendered;
    if (!rendered) throw new ServiceError('no-preview', messages.noPreview.ja, messages.noPreview.action, messages.noPreview.en);
    const queue = this.#service(this.#deps.queue, '受付キュー');
    const printer = this.#service(this.#deps.printer, 'プリンター');
    this.#busy = 'print';
    this.#step = 'print';
    this.#changed();
    try {
      if (!this.#requestId) {
        const household = this.#household();
        const created = queue.enqueue(
          {
            reference: household.reference,
            category: household.move.kind,
            procedures: rendered.forms.map((f) => f.id),
            personal: household,
          },
          actor,
        );
        this.#requestId = created.requestId;
        this.#ticketNumber = created.ticket;
        this.#audit('request-created', created.requestId);
      }
      this.#printJobs = await printer.print(this.#requestId, [{ name: `${this.#reference ?? 'forms'}.pdf`, pdf: rendered.combined }]);
      queue.advance(this.#requestId, 'printed', actor);
      this.#audit('print-sent', this.#requestId);
      this.#error = null;
    } catch (error) {
      this.#error = toUiError(error);
    } finally {
      this.#busy = null;
      this.#changed();
      this.#deps.events.emit('queue-changed', 'status-changed');
    }
  }

  issueTicket(): void {
    const actor = this.#requireActive();
    const queue = this.#service(this.#deps.queue, '受付キュー');
    if (!this.#requestId) throw new ServiceError('not-printed', messages.notPrinted.ja, messages.notPrinted.action, messages.notPrinted.en);
    queue.advance(this.#requestId, 'submitted', actor);
    const estimate = queue.estimateSeconds();
    this.#estimatedWaitMinutes = estimate === null ? null : Math.ceil(estimate / 60);
    this.#step = 'ticket';
    this.#audit('ticket-issued', this.#requestId);
    this.#changed();
    this.#deps.events.emit('queue-changed', 'status-changed');
  }

  end(reason: 'completed' | 'cancelled' | 'idle' | 'card-removed'): void {
    if (!this.#active) return;
    const actor = this.#deps.actor();
    if (reason === 'cancelled' && this.#requestId && !this.#ticketNumber && this.#deps.queue && actor) {
      this.#deps.queue.advance(this.#requestId, 'cancelled', actor);
    }
    this.#audit('session-ended', reason);
    this.#wipe();
    this.#deps.events.emit('wipe', 'session-changed', 'resident-changed');
  }

  async #onCardChange(): Promise<void> {
    this.#deps.events.emit('status-changed');
    if (!this.#active || this.#step !== 'ticket' || !this.#reader || !this.#deps.card) return;
    const readers = await this.#deps.card.readers().catch(() => []);
    const present = readers.find((r) => r.name === this.#reader)?.cardPresent ?? false;
    if (!present) this.end('card-removed');
  }

  #wipe(): void {
    // Replace every container rather than keep references that still hold the old data.
    this.#active = false;
    this.#reference = null;
    this.#step = 'card';
    this.#card = 'waiting';
    this.#pin = IDLE_PIN;
    this.#reader = null;
    this.#members = [];
    this.#cardAddress = null;
    this.#move = null;
    this.#facts = {};
    this.#forms = [];
    this.#overrides = new Map();
    this.#rendered = null;
    this.#preview = null;
    this.#previewMs = null;
    this.#cardReadAt = null;
    this.#requestId = null;
    this.#ticketNumber = null;
    this.#estimatedWaitMinutes = null;
    this.#printJobs = [];
    this.#error = null;
    this.#busy = null;
    this.#memberSeq = 0;
    this.#pageCache.clear();
  }

  dispose(): void {
    this.#unsubscribeCard?.();
    this.#wipe();
  }
}
