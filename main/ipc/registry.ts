// The handler registry: the one place where renderer requests meet the application core.
// electron/ registers these with ipcMain; the end-to-end tests serve the same registry to
// Chromium, so both transports run identical validation and handlers.
import { contract, type ChannelName, type RequestOf, type ResponseOf } from './contract.ts';

export type Handler<C extends ChannelName> = (request: RequestOf<C>) => Promise<ResponseOf<C>> | ResponseOf<C>;
export type HandlerMap = { [C in ChannelName]: Handler<C> };

export class IpcRequestError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'IpcRequestError';
    this.code = code;
  }
}

/** Validates an untrusted request, runs the handler, and validates its response. */
export async function dispatch(handlers: HandlerMap, channel: string, payload: unknown): Promise<unknown> {
  if (!Object.hasOwn(contract, channel)) {
    throw new IpcRequestError('unknown-channel', `不明な要求です / unknown channel`);
  }
  const name = channel as ChannelName;
  const parsed = contract[name].request.safeParse(payload ?? {});
  if (!parsed.success) {
    // Report which fields were wrong, never their values (they may be personal data).
    const fields = parsed.error.issues.map((i) => i.path.join('.') || '(root)').join(', ');
    throw new IpcRequestError('invalid-request', `要求の形式が正しくありません / invalid request: ${fields}`);
  }
  const handler = handlers[name] as (request: unknown) => unknown;
  const result = await handler(parsed.data);
  return contract[name].response.parse(result);
}
