// A secret typed at a terminal (a PIN, 照合番号B, a staff password): read in raw mode so the
// terminal never echoes it (the resident or a colleague may be looking at the screen), into one
// buffer this function zeroes. Enter ends it, Backspace deletes, Ctrl+C gives up (empty result).

/** Reads one hidden line from `tty` (at most `max` bytes; more are dropped). */
export async function readHiddenLine(
  tty: NodeJS.ReadStream,
  options: { prompt?: string; write?: ((text: string) => void) | undefined; max?: number } = {},
): Promise<Uint8Array> {
  const buffer = new Uint8Array(options.max ?? 64);
  let length = 0;
  if (options.prompt) options.write?.(options.prompt);
  tty.setRawMode(true);
  try {
    outer: for await (const chunk of tty) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
      for (const b of bytes) {
        if (b === 0x03) {
          // Ctrl+C: give up without a secret.
          length = 0;
          break outer;
        }
        if (b === 0x0d || b === 0x0a) break outer;
        if (b === 0x7f || b === 0x08) {
          // Backspace removes a whole UTF-8 character (its continuation bytes first).
          while (length > 0 && (buffer[length - 1]! & 0xc0) === 0x80) length--;
          length = Math.max(0, length - 1);
        } else if (length < buffer.length) buffer[length++] = b;
      }
      bytes.fill(0);
    }
  } finally {
    tty.setRawMode(false);
    tty.pause();
    options.write?.('\n');
  }
  const secret = Uint8Array.from(buffer.subarray(0, length));
  buffer.fill(0);
  return secret;
}
