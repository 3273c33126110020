// Reading the office's answers on the counter: the counter's main process holds residents' data,
// so an answer from a hostile or broken office (or a machine in the middle) must not be able to
// exhaust its memory. The body is read up to a byte limit; past it, the answer is refused.
import { KioskError } from '../../domain/errors.ts';

/** Bytes an office answer may have: a full page of the log (1,000 events) is about 400 kB. */
export const MAX_OFFICE_ANSWER_BYTES = 2 * 1024 * 1024;

/** The JSON body, or office/unreachable when it is larger than `maxBytes` or not JSON. */
export async function boundedJson(response: Response, maxBytes: number = MAX_OFFICE_ANSWER_BYTES): Promise<unknown> {
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw new KioskError('office/unreachable');
  }
  if (!response.body) return null;
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
    size += chunk.length;
    if (size > maxBytes) {
      await response.body.cancel().catch(() => undefined);
      throw new KioskError('office/unreachable');
    }
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new KioskError('office/unreachable');
  }
}
