// Procedure categories of the counter and the letter their tickets carry (A-012 …).
export interface Category {
  readonly id: string;
  readonly letter: string;
  readonly label: string;
}

export const categories: readonly Category[] = [
  { id: 'moving-in', letter: 'A', label: '転入' },
  { id: 'moving-out', letter: 'B', label: '転出' },
  { id: 'moving-within', letter: 'C', label: '転居' },
  { id: 'household', letter: 'D', label: '世帯変更' },
  { id: 'certificate', letter: 'E', label: '証明書' },
  { id: 'other', letter: 'F', label: 'その他' },
];

export function findCategory(idOrLetter: string): Category | undefined {
  return categories.find((c) => c.id === idOrLetter || c.letter === idOrLetter.toUpperCase());
}

/** three digits, more when a day passes 999 tickets of one letter (never wraps). */
export function formatTicket(letter: string, number: number): string {
  return `${letter}-${String(number).padStart(3, '0')}`;
}
