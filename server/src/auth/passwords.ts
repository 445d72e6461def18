import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * scrypt password hashes, self-describing so the cost can rise later without breaking old
 * hashes: `scrypt$<logN>$<r>$<p>$<salt b64>$<hash b64>`. Default logN 17, r 8, p 1 is OWASP's
 * recommendation (128 MiB per hash): https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html
 */
const KEY_LENGTH = 32;

function scryptAsync(password: string, salt: Buffer, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password, salt, KEY_LENGTH, opts, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

const params = (logN: number, r: number, p: number): ScryptOptions => ({
  N: 2 ** logN,
  r,
  p,
  maxmem: 256 * 2 ** logN * r + 1024 * 1024,
});

// Unicode passwords can be typed in different normal forms on different devices.
const normalise = (password: string) => password.normalize('NFKC');

export async function hashPassword(password: string, logN: number): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(normalise(password), salt, params(logN, 8, 1));
  return `scrypt$${logN}$8$1$${salt.toString('base64')}$${key.toString('base64')}`;
}

export interface PasswordCheck {
  ok: boolean;
  /** The hash was made with a lower cost than now configured: store a fresh one. */
  needsRehash: boolean;
}

export async function verifyPassword(password: string, stored: string, logN: number): Promise<PasswordCheck> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return { ok: false, needsRehash: false };
  const [n, r, p] = parts.slice(1, 4).map(Number);
  const salt = Buffer.from(parts[4], 'base64');
  const expected = Buffer.from(parts[5], 'base64');
  const key = await scryptAsync(normalise(password), salt, params(n, r, p));
  const ok = key.length === expected.length && timingSafeEqual(key, expected);
  return { ok, needsRehash: ok && n < logN };
}

/** A hash nobody's password matches, verified when no account exists so timing tells nothing. */
let dummy: { logN: number; hash: Promise<string> } | null = null;
export async function burnPasswordCheck(password: string, logN: number): Promise<void> {
  if (!dummy || dummy.logN !== logN) dummy = { logN, hash: hashPassword(randomBytes(16).toString('hex'), logN) };
  await verifyPassword(password, await dummy.hash, logN);
}
