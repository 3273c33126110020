// What text from outside may contain (resident data on stdin or over IPC): well-formed Unicode
// only. A lone surrogate (half of a UTF-16 pair, e.g. "\ud842" from JSON) is not a character and
// breaks every encoder after it; NUL and other control characters hide text from staff and
// truncate it in C libraries. Rare kanji are welcome: a character outside the BMP (𠮷) is a
// proper pair, and an ideographic variation sequence (葛󠄀 = 葛 + U+E0100) is a base and a mark.
import { z } from 'zod';

export const LONE_SURROGATE = /\p{Cs}/u;
/** Control characters (NUL, ESC, DEL, C1…). */
export const CONTROL_CHARACTER = /\p{Cc}/u;
/** Control and invisible format characters (zero-width space, BOM…): never in a name. */
export const INVISIBLE_CHARACTER = /[\p{Cc}\p{Cf}]/u;

/** Why a text is refused, or null. `name`: also no invisible format characters. */
export function textProblem(text: string, options: { name?: boolean } = {}): 'lone_surrogate' | 'control_character' | null {
  if (LONE_SURROGATE.test(text)) return 'lone_surrogate';
  if ((options.name ? INVISIBLE_CHARACTER : CONTROL_CHARACTER).test(text)) return 'control_character';
  return null;
}

/**
 * The same check on a string schema of the caller's (one that trims, or is required): refuses what
 * textProblem refuses. The household model and the visit use it for every free-text resident string.
 */
export function withCleanText<T extends z.ZodString>(schema: T, options: { name?: boolean } = {}): T {
  return schema.superRefine((text, context) => {
    const problem = textProblem(text, options);
    if (problem) context.addIssue({ code: 'custom', message: problem });
  });
}

/** A string of at most `max` UTF-16 units, well-formed and free of control characters (see textProblem). */
export function cleanText(max: number, options: { min?: number; name?: boolean } = {}) {
  return withCleanText(
    z
      .string()
      .min(options.min ?? 0)
      .max(max),
    options,
  );
}
