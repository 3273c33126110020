// フリガナ suggestions staff can accept with one press. The card carries no reading, and a
// reading cannot be derived from kanji without a name dictionary, so the suggestions are:
// the family-name reading already given for another member with the same family name, or
// the typed reading normalised to full-width katakana (hiragana and half-width kana converted).
import { toFurigana } from '../../forms/index.ts';
import type { VisitMember } from '../../domain/visit.ts';

const SEPARATOR = /[\u3000 ]/;

/** The printed form of a reading (full-width katakana), as the forms module writes it. */
export function normaliseFurigana(text: string): string {
  return toFurigana(text).trim();
}

export function suggestFurigana(member: VisitMember, household: readonly VisitMember[]): string | null {
  if (member.furigana) {
    const normalised = normaliseFurigana(member.furigana);
    return normalised !== member.furigana ? normalised : null;
  }
  const family = member.name.split(SEPARATOR)[0];
  if (!family) return null;
  for (const other of household) {
    if (other.id === member.id || !other.furigana) continue;
    const [otherFamily] = other.name.split(SEPARATOR);
    const [familyKana] = normaliseFurigana(other.furigana).split(SEPARATOR);
    if (otherFamily === family && familyKana) return `${familyKana}\u3000`;
  }
  return null;
}
