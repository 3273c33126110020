// Ticket numbers: the category's letter and the day's running number (A-012 …).

/** three digits, more when a day passes 999 tickets of one letter (never wraps). */
export function formatTicket(letter: string, number: number): string {
  return `${letter}-${String(number).padStart(3, '0')}`;
}
