import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 32 random bytes as base64url (43 characters): session ids, one-time and CSRF tokens. */
export const newToken = (): string => randomBytes(32).toString('base64url');

/** Secrets are stored only as hashes, so a database dump cannot be replayed as sessions. */
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export function safeEqual(a: string, b: string): boolean {
  const ba = Buffer.from(a);
  const bb = Buffer.from(b);
  return ba.length === bb.length && timingSafeEqual(ba, bb);
}
