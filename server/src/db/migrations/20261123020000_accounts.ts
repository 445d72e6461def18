import type { Knex } from 'knex';

/**
 * Accounts, roles and the security bookkeeping that must hold across server processes: sessions,
 * one-time tokens, rate-limit counters and OIDC login state all live here, not in memory.
 * Secrets (session ids, one-time tokens) are stored only as SHA-256 hashes.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE users (
      id                 serial PRIMARY KEY,
      email              text NOT NULL,
      display_name       text,
      password_hash      text,
      email_verified_at  timestamptz,
      failed_login_count integer NOT NULL DEFAULT 0,
      locked_until       timestamptz,
      disabled_at        timestamptz,
      oidc_issuer        text,
      oidc_subject       text,
      last_login_at      timestamptz,
      created_at         timestamptz NOT NULL DEFAULT now(),
      updated_at         timestamptz NOT NULL DEFAULT now(),
      CHECK ((oidc_issuer IS NULL) = (oidc_subject IS NULL))
    )`);
  // Addresses are kept as typed; uniqueness and look-ups ignore case.
  await knex.raw('CREATE UNIQUE INDEX users_email_idx ON users (lower(email))');
  await knex.raw('CREATE UNIQUE INDEX users_oidc_idx ON users (oidc_issuer, oidc_subject) WHERE oidc_issuer IS NOT NULL');

  await knex.raw(`
    CREATE TABLE user_roles (
      user_id    integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      role       text NOT NULL CHECK (role IN ('resident', 'official', 'kehra', 'moderator', 'admin')),
      granted_at timestamptz NOT NULL DEFAULT now(),
      granted_by integer REFERENCES users(id) ON DELETE SET NULL,
      PRIMARY KEY (user_id, role)
    )`);
  await knex.raw('CREATE INDEX user_roles_role_idx ON user_roles (role, user_id)');

  await knex.raw(`
    CREATE TABLE user_departments (
      user_id       integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      department_id integer NOT NULL REFERENCES departments(id) ON DELETE CASCADE,
      PRIMARY KEY (user_id, department_id)
    )`);

  // Minimal on purpose: the Kehrä feature extends this table with its own columns.
  await knex.raw(`
    CREATE TABLE kehra_groups (
      id         serial PRIMARY KEY,
      name       text NOT NULL UNIQUE,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
  await knex.raw(`
    CREATE TABLE user_kehra_groups (
      user_id        integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      kehra_group_id integer NOT NULL REFERENCES kehra_groups(id) ON DELETE CASCADE,
      PRIMARY KEY (user_id, kehra_group_id)
    )`);

  await knex.raw(`
    CREATE TABLE sessions (
      id_hash      text PRIMARY KEY,
      user_id      integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      csrf_token   text NOT NULL,
      created_at   timestamptz NOT NULL DEFAULT now(),
      last_seen_at timestamptz NOT NULL DEFAULT now(),
      expires_at   timestamptz NOT NULL,
      ip           text,
      user_agent   text
    )`);
  await knex.raw('CREATE INDEX sessions_user_idx ON sessions (user_id)');
  await knex.raw('CREATE INDEX sessions_expires_idx ON sessions (expires_at)');

  await knex.raw(`
    CREATE TABLE auth_tokens (
      token_hash text PRIMARY KEY,
      user_id    integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      purpose    text NOT NULL CHECK (purpose IN ('verify_email', 'password_reset')),
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      used_at    timestamptz
    )`);
  await knex.raw('CREATE INDEX auth_tokens_user_idx ON auth_tokens (user_id, purpose)');

  await knex.raw(`
    CREATE TABLE oidc_login_states (
      state_hash    text PRIMARY KEY,
      code_verifier text NOT NULL,
      nonce         text NOT NULL,
      return_to     text NOT NULL,
      expires_at    timestamptz NOT NULL
    )`);

  // Fixed-window counters: one row per (bucket, window), counted with an atomic upsert.
  await knex.raw(`
    CREATE TABLE rate_limit_counters (
      bucket       text NOT NULL,
      window_start timestamptz NOT NULL,
      window_end   timestamptz NOT NULL,
      hits         integer NOT NULL,
      PRIMARY KEY (bucket, window_start)
    )`);
  await knex.raw('CREATE INDEX rate_limit_counters_end_idx ON rate_limit_counters (window_end)');

  await knex.raw(`
    CREATE TABLE audit_log (
      id            bigserial PRIMARY KEY,
      occurred_at   timestamptz NOT NULL DEFAULT now(),
      actor_user_id integer REFERENCES users(id) ON DELETE SET NULL,
      actor_email   text,
      action        text NOT NULL,
      target_type   text,
      target_id     text,
      before        jsonb,
      after         jsonb,
      ip            text
    )`);
  await knex.raw('CREATE INDEX audit_log_target_idx ON audit_log (target_type, target_id, id)');
  await knex.raw('CREATE INDEX audit_log_actor_idx ON audit_log (actor_user_id, id)');
  await knex.raw('CREATE INDEX audit_log_action_idx ON audit_log (action, id)');
}

export async function down(knex: Knex): Promise<void> {
  for (const t of [
    'audit_log',
    'rate_limit_counters',
    'oidc_login_states',
    'auth_tokens',
    'sessions',
    'user_kehra_groups',
    'kehra_groups',
    'user_departments',
    'user_roles',
    'users',
  ]) {
    await knex.raw(`DROP TABLE IF EXISTS ${t}`);
  }
}
