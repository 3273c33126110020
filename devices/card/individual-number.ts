// Check digit of the 12-digit 個人番号 (総務省令第八十五号 第五条): weights 2..7,2..6 applied
// to the first 11 digits counted from the least significant end; r = Σ mod 11; 0 if r ≤ 1
// else 11 − r.

export function individualNumberCheckDigit(first11: string): number {
  if (!/^[0-9]{11}$/.test(first11)) throw new RangeError('expected 11 ASCII digits');
  let sum = 0;
  for (let n = 1; n <= 11; n++) {
    const digit = first11.charCodeAt(11 - n) - 0x30;
    sum += digit * (n <= 6 ? n + 1 : n - 5);
  }
  const r = sum % 11;
  return r <= 1 ? 0 : 11 - r;
}

export function isValidIndividualNumber(value: string): boolean {
  return /^[0-9]{12}$/.test(value) && individualNumberCheckDigit(value.slice(0, 11)) === value.charCodeAt(11) - 0x30;
}
