// The languages the resident chooses on their screen. The resident screen's strings and the
// printed 受付票 are written for each of them; Japanese is the reference. やさしい日本語 has no tag of
// its own in BCP 47: it is tagged ja-Hira (Japanese, with a hiragana reading over every kanji).
import { z } from 'zod';

export const residentLanguage = z.enum(['ja', 'ja-Hira', 'en', 'zh-Hans', 'ko', 'vi']);
export type ResidentLanguage = z.infer<typeof residentLanguage>;
