// The handler registry: the one place where renderer requests meet the application core.
// electron/ registers these with ipcMain; the end-to-end bridge serves the same registry to
// Chromium, so both transports run identical screen checks, validation and handlers.
import { channelScreens, contract, type ChannelName, type Envelope, type RequestOf, type ResponseOf, type ScreenName } from './contract.ts';
import { KioskError, serializeError } from '../../domain/errors.ts';
import { databaseError } from '../db/sqlite-errors.ts';

/** Who is calling: the screen is established by the transport (window identity), never by the payload. */
export interface CallContext {
  readonly screen: ScreenName;
}

export type Handler<C extends ChannelName> = (request: RequestOf<C>, context: CallContext) => Promise<ResponseOf<C>> | ResponseOf<C>;
export type HandlerMap = { [C in ChannelName]: Handler<C> };

/** Validates an untrusted request, checks the calling screen, runs the handler and validates its response. */
export async function dispatch(handlers: HandlerMap, channel: string, payload: unknown, context: CallContext): Promise<unknown> {
  if (!Object.hasOwn(contract, channel)) {
    throw new KioskError('ipc/unknown-channel');
  }
  const name = channel as ChannelName;
  if (!channelScreens[name].includes(context.screen)) {
    throw new KioskError('ipc/forbidden-screen');
  }
  const parsed = contract[name].request.safeParse(payload ?? {});
  if (!parsed.success) {
    // Report which fields were wrong, never their values (they may be personal data).
    const fields = parsed.error.issues.map((i) => i.path.join('.') || '(root)').join(', ');
    throw new KioskError('ipc/invalid-request', { ja: `要求の形式が正しくありません: ${fields}`, en: `Invalid request: ${fields}` });
  }
  const handler = handlers[name] as (request: unknown, context: CallContext) => unknown;
  const result = await handler(parsed.data, context);
  const checked = contract[name].response.safeParse(result);
  if (!checked.success) {
    const fields = checked.error.issues.map((i) => i.path.join('.') || '(root)').join(', ');
    throw new KioskError('ipc/invalid-response', { ja: `内部エラー（応答の形式）: ${fields}`, en: `Invalid response: ${fields}` });
  }
  return checked.data;
}

/**
 * The transport-facing entry point: never rejects. Errors become `{ ok: false, error }` with a
 * stable code and a Japanese message; unexpected errors are reported without their text, which
 * could contain personal data.
 */
export async function handle(handlers: HandlerMap, channel: string, payload: unknown, context: CallContext): Promise<Envelope<unknown>> {
  try {
    return { ok: true, value: await dispatch(handlers, channel, payload, context) };
  } catch (error) {
    // A database fault (busy, disk full, read-only, corrupt) keeps its code and tells staff what to do.
    return { ok: false, error: serializeError(databaseError(error) ?? error) };
  }
}
