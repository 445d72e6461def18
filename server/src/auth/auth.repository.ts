import { createHash } from 'node:crypto';
import type { Knex } from 'knex';

export type TokenPurpose = 'verify_email' | 'password_reset' | 'invitation';

export async function insertSession(
  knex: Knex,
  s: {
    idHash: string;
    userId: number;
    csrfToken: string;
    maxSeconds: number;
    idleSeconds: number;
    ip?: string;
    userAgent?: string;
  },
): Promise<void> {
  await knex.raw(
    `INSERT INTO sessions (id_hash, user_id, csrf_token, expires_at, ip, user_agent)
     VALUES (?, ?, ?, now() + make_interval(secs => least(?::int, ?::int)), ?, ?)`,
    [s.idHash, s.userId, s.csrfToken, s.maxSeconds, s.idleSeconds, s.ip ?? null, (s.userAgent ?? '').slice(0, 300) || null],
  );
}

/** Slides the idle timeout forward, never past the session's absolute maximum age. */
export async function touchSession(knex: Knex, idHash: string, maxSeconds: number, idleSeconds: number): Promise<void> {
  await knex.raw(
    `UPDATE sessions SET last_seen_at = now(),
            expires_at = least(created_at + make_interval(secs => ?::int), now() + make_interval(secs => ?::int))
      WHERE id_hash = ?`,
    [maxSeconds, idleSeconds, idHash],
  );
}

export async function deleteSession(knex: Knex, idHash: string): Promise<void> {
  await knex.raw(`DELETE FROM sessions WHERE id_hash = ?`, [idHash]);
}

/** Signs a user out everywhere, optionally keeping the session the request came with. */
export async function deleteUserSessions(knex: Knex, userId: number, exceptIdHash?: string): Promise<number> {
  const { rows } = await knex.raw(`DELETE FROM sessions WHERE user_id = ? AND id_hash <> coalesce(?, '') RETURNING id_hash`, [
    userId,
    exceptIdHash ?? null,
  ]);
  return rows.length;
}

export async function deleteExpiredSessions(knex: Knex): Promise<void> {
  await knex.raw(`DELETE FROM sessions WHERE expires_at < now()`);
}

export async function insertToken(
  knex: Knex,
  t: { tokenHash: string; userId: number; purpose: TokenPurpose; ttlSeconds: number },
): Promise<void> {
  // A new token replaces unused ones of the same purpose: only the latest e-mail's link works.
  await knex.raw(`DELETE FROM auth_tokens WHERE user_id = ? AND purpose = ? AND used_at IS NULL`, [t.userId, t.purpose]);
  await knex.raw(
    `INSERT INTO auth_tokens (token_hash, user_id, purpose, expires_at)
     VALUES (?, ?, ?, now() + make_interval(secs => ?::int))`,
    [t.tokenHash, t.userId, t.purpose, t.ttlSeconds],
  );
}

/** Marks a live token used and returns its user; a used, expired or unknown token gives null. */
export async function consumeToken(knex: Knex, tokenHash: string, purpose: TokenPurpose): Promise<number | null> {
  const { rows } = await knex.raw(
    `UPDATE auth_tokens SET used_at = now()
      WHERE token_hash = ? AND purpose = ? AND used_at IS NULL AND expires_at > now()
      RETURNING user_id`,
    [tokenHash, purpose],
  );
  return rows[0]?.user_id ?? null;
}

export async function insertOidcState(
  knex: Knex,
  s: { stateHash: string; codeVerifier: string; nonce: string; returnTo: string },
): Promise<void> {
  await knex.raw(`DELETE FROM oidc_login_states WHERE expires_at < now()`);
  await knex.raw(
    `INSERT INTO oidc_login_states (state_hash, code_verifier, nonce, return_to, expires_at)
     VALUES (?, ?, ?, ?, now() + interval '10 minutes')`,
    [s.stateHash, s.codeVerifier, s.nonce, s.returnTo],
  );
}

/** One use only: the row is deleted as it is read. */
export async function takeOidcState(
  knex: Knex,
  stateHash: string,
): Promise<{ codeVerifier: string; nonce: string; returnTo: string } | null> {
  const { rows } = await knex.raw(
    `DELETE FROM oidc_login_states WHERE state_hash = ? AND expires_at > now()
     RETURNING code_verifier, nonce, return_to`,
    [stateHash],
  );
  const r = rows[0];
  return r ? { codeVerifier: r.code_verifier, nonce: r.nonce, returnTo: r.return_to } : null;
}

// ---- sign-in failures of addresses without an account ----------------------------------------

const addressHash = (email: string) => createHash('sha256').update(email.trim().toLowerCase()).digest('hex');

export async function addressLockedUntil(knex: Knex, email: string): Promise<Date | null> {
  const { rows } = await knex.raw('SELECT locked_until FROM login_throttle WHERE address_hash = ?', [addressHash(email)]);
  return rows[0]?.locked_until ? new Date(rows[0].locked_until) : null;
}

/** Counts a failure like users.recordFailedLogin does for an account; returns the lock's end when this one locks. */
export async function recordFailedAddressLogin(
  knex: Knex,
  email: string,
  threshold: number,
  lockSeconds: number,
): Promise<Date | null> {
  const { rows } = await knex.raw(
    `INSERT INTO login_throttle AS t (address_hash, failed_login_count, locked_until)
     VALUES (?, CASE WHEN 1 >= ? THEN 0 ELSE 1 END, CASE WHEN 1 >= ? THEN now() + make_interval(secs => ?::int) END)
     ON CONFLICT (address_hash) DO UPDATE SET
       locked_until = CASE WHEN t.failed_login_count + 1 >= ? THEN now() + make_interval(secs => ?::int) ELSE t.locked_until END,
       failed_login_count = CASE WHEN t.failed_login_count + 1 >= ? THEN 0 ELSE t.failed_login_count + 1 END,
       updated_at = now()
     RETURNING failed_login_count = 0 AS locked, locked_until`,
    [addressHash(email), threshold, threshold, lockSeconds, threshold, lockSeconds, threshold],
  );
  return rows[0]?.locked ? new Date(rows[0].locked_until) : null;
}
