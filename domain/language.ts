// The languages the resident chooses on their screen. The resident screen's strings and the
// printed 受付票 are written for each of them; Japanese is the reference.
import { z } from 'zod';

export const residentLanguage = z.enum(['ja', 'en', 'zh-Hans', 'ko', 'vi']);
export type ResidentLanguage = z.infer<typeof residentLanguage>;
