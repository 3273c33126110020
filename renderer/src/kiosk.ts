// Typed client over `window.kiosk` (the preload in Electron, a test shim in the e2e bridge).
// Errors arrive as data and are rethrown as KioskError carrying the staff-facing message.
import type { ChannelName, EventName, KioskApi, RequestOf, ResponseOf, ScreenName, UiError } from '../../main/ipc/contract.ts';

declare global {
  interface Window {
    kiosk?: KioskApi;
  }
}

export class KioskError extends Error {
  readonly ui: UiError;
  constructor(ui: UiError) {
    super(ui.code);
    this.name = 'KioskError';
    this.ui = ui;
  }
}

const DISCONNECTED: UiError = {
  code: 'no-core',
  message: 'アプリ本体に接続できません。',
  action: 'アプリを再起動してください。続く場合はシステム担当に連絡してください。',
  messageEn: 'Cannot reach the application core.',
};

export async function call<C extends ChannelName>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
  const kiosk = window.kiosk;
  if (!kiosk) throw new KioskError(DISCONNECTED);
  const envelope = await kiosk.invoke(channel, request).catch(() => ({ ok: false as const, error: DISCONNECTED }));
  if (!envelope.ok) throw new KioskError(envelope.error);
  return envelope.value;
}

export function onEvent(event: EventName, listener: () => void): () => void {
  return window.kiosk?.on(event, listener) ?? (() => undefined);
}

export function currentScreen(): ScreenName {
  return window.kiosk?.screen ?? 'resident';
}

export function asUiError(error: unknown): UiError {
  return error instanceof KioskError ? error.ui : DISCONNECTED;
}
