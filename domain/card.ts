// What the card reader, the counter session and the screens share about unlocking a card.
import { z } from 'zod';

/** The resident's 4-digit PIN, or 照合番号B (14 digits from the card face) typed by staff. */
export const unlockKind = z.enum(['pin', 'code-b']);
export type UnlockKind = z.infer<typeof unlockKind>;
