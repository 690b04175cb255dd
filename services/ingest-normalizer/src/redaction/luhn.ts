/** The Luhn (mod 10) check every payment card number carries; non-digits in `value` are skipped. */
export function passesLuhn(value: string): boolean {
  let sum = 0;
  let doubled = false;
  let digits = 0;
  for (let i = value.length - 1; i >= 0; i--) {
    const code = value.charCodeAt(i) - 48;
    if (code < 0 || code > 9) continue;
    const term = doubled ? code * 2 : code;
    sum += term > 9 ? term - 9 : term;
    doubled = !doubled;
    digits++;
  }
  return digits > 0 && sum % 10 === 0;
}
