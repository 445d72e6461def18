import type { Knex } from 'knex';
import type { AuditEntry } from '../contracts/users.js';

export interface AuditRecord {
  actorUserId: number | null;
  actorEmail: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
}

export async function insertAuditEntry(knex: Knex, e: AuditRecord): Promise<void> {
  await knex.raw(
    `INSERT INTO audit_log (actor_user_id, actor_email, action, target_type, target_id, before, after, ip)
     VALUES (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?)`,
    [
      e.actorUserId,
      e.actorEmail,
      e.action,
      e.targetType,
      e.targetId,
      e.before === undefined ? null : JSON.stringify(e.before),
      e.after === undefined ? null : JSON.stringify(e.after),
      e.ip,
    ],
  );
}

interface AuditRow {
  id: number | string;
  occurred_at: Date;
  actor_user_id: number | null;
  actor_email: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
}

const toAuditEntry = (r: AuditRow): AuditEntry => ({
  id: Number(r.id),
  occurredAt: new Date(r.occurred_at).toISOString(),
  actor: { id: r.actor_user_id, email: r.actor_email },
  action: r.action,
  target: { type: r.target_type, id: r.target_id },
  before: r.before,
  after: r.after,
  ip: r.ip,
});

/** Newest first; `before` pages by id. */
export async function listAuditEntries(
  knex: Knex,
  q: { action?: string; actorId?: number; targetType?: string; targetId?: string; before?: number; limit: number },
): Promise<AuditEntry[]> {
  const { rows } = await knex.raw(
    `SELECT * FROM audit_log
      WHERE (?::text IS NULL OR action = ?)
        AND (?::int IS NULL OR actor_user_id = ?)
        AND (?::text IS NULL OR target_type = ?)
        AND (?::text IS NULL OR target_id = ?)
        AND (?::bigint IS NULL OR id < ?)
      ORDER BY id DESC LIMIT ?`,
    [
      q.action ?? null,
      q.action ?? null,
      q.actorId ?? null,
      q.actorId ?? null,
      q.targetType ?? null,
      q.targetType ?? null,
      q.targetId ?? null,
      q.targetId ?? null,
      q.before ?? null,
      q.before ?? null,
      q.limit,
    ],
  );
  return (rows as AuditRow[]).map(toAuditEntry);
}
