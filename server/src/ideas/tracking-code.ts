import { randomInt } from 'node:crypto';

/**
 * Public tracking codes look like `KK-7F3Q-M2`: five random characters and one check character
 * from a 31-letter alphabet without look-alikes (no 0/O, 1/I/L), so a code read aloud or retyped from
 * paper either works or is recognised as mistyped — it never opens someone else's idea.
 */
export const TRACKING_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const N = TRACKING_ALPHABET.length;

/**
 * Weighted check modulo 31 (a prime): weights 2..6 on the payload and 1 on the check character
 * make every single substitution and every swap of neighbours change the sum, so both are caught.
 */
function checkCharacter(payload: string): string {
  let sum = 0;
  for (let i = 0; i < payload.length; i++) sum += (i + 2) * TRACKING_ALPHABET.indexOf(payload[i]);
  return TRACKING_ALPHABET[(N - (sum % N)) % N];
}

const format = (chars: string) => `KK-${chars.slice(0, 4)}-${chars.slice(4)}`;

export function generateTrackingCode(random: (max: number) => number = randomInt): string {
  let payload = '';
  for (let i = 0; i < 5; i++) payload += TRACKING_ALPHABET[random(N)];
  return format(payload + checkCharacter(payload));
}

/**
 * Accepts what people type — lower case, spaces, missing dashes or prefix — and returns the
 * canonical code, or null when it cannot be a tracking code (including a failed check character).
 */
export function normalizeTrackingCode(input: string): string | null {
  const chars = input
    .toUpperCase()
    .replace(/[\s\-–_.]/g, '')
    .replace(/^KK/, '');
  if (chars.length !== 6 || [...chars].some((c) => !TRACKING_ALPHABET.includes(c))) return null;
  return checkCharacter(chars.slice(0, 5)) === chars[5] ? format(chars) : null;
}
