// The kind of address change a visit is about. The same words name the household file's
// `move.type`, the rules, the staff console and the queue category of a moving visit.
import { z } from 'zod';

/** tennyu 転入 (from another municipality), tenkyo 転居 (within the city), tenshutsu 転出 (leaving). */
export const moveKind = z.enum(['tennyu', 'tenkyo', 'tenshutsu']);
export type MoveKind = z.infer<typeof moveKind>;
