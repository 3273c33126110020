// Typed client over `window.kiosk` (the preload in Electron, a test shim in the e2e bridge).
// Errors arrive as data (domain/errors.ts's serialised form) and are rethrown as CallError.
import { KioskError, serializeError } from '../../domain/errors.ts';
import type { ChannelName, EventName, KioskApi, RequestOf, ResponseOf, ScreenName, UiError } from '../../main/ipc/contract.ts';

declare global {
  interface Window {
    kiosk?: KioskApi;
  }
}

/** A call the core answered with an error (already serialised: code, messages, staff action). */
export class CallError extends Error {
  override readonly name = 'CallError';
  readonly ui: UiError;
  constructor(ui: UiError) {
    super(ui.code);
    this.ui = ui;
  }
}

const DISCONNECTED: UiError = serializeError(new KioskError('ipc/no-core'));

export async function call<C extends ChannelName>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
  const kiosk = window.kiosk;
  if (!kiosk) throw new CallError(DISCONNECTED);
  const envelope = await kiosk.invoke(channel, request).catch(() => ({ ok: false as const, error: DISCONNECTED }));
  if (!envelope.ok) throw new CallError(envelope.error);
  return envelope.value;
}

export function onEvent(event: EventName, listener: () => void): () => void {
  return window.kiosk?.on(event, listener) ?? (() => undefined);
}

export function currentScreen(): ScreenName {
  return window.kiosk?.screen ?? 'resident';
}

export function asUiError(error: unknown): UiError {
  return error instanceof CallError ? error.ui : DISCONNECTED;
}
