import type { Request } from 'express';
import type { Knex } from 'knex';
import { insertAuditEntry, listAuditEntries } from './audit.repository.js';

export interface AuditEvent {
  action: string;
  target?: { type: string; id: string | number };
  before?: unknown;
  after?: unknown;
}

export interface AuditActor {
  userId: number | null;
  email: string | null;
  ip: string | null;
}

/** Who did it, from the request's session (null actor for a visitor or a system action). */
export const actorOf = (req: Request): AuditActor => ({
  userId: req.auth?.user.id ?? null,
  email: req.auth?.user.email ?? null,
  ip: req.ip ?? null,
});

export const systemActor = (what: string): AuditActor => ({ userId: null, email: what, ip: null });

/**
 * Records a privileged action. Call it inside the same transaction as the change, so the log
 * and the data cannot disagree.
 */
export async function recordAudit(knex: Knex, actor: AuditActor, e: AuditEvent): Promise<void> {
  await insertAuditEntry(knex, {
    actorUserId: actor.userId,
    actorEmail: actor.email,
    action: e.action,
    targetType: e.target?.type ?? null,
    targetId: e.target ? String(e.target.id) : null,
    before: e.before,
    after: e.after,
    ip: actor.ip,
  });
}

export { listAuditEntries };
