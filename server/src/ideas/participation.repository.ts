import type { Knex } from 'knex';
import type { Language } from '../contracts/common.js';
import type { ContentReport, IdeaComment, Notification } from '../contracts/ideas.js';

const ISO = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;

/** One vote per account: the primary key refuses a second, concurrent or not. */
export async function addVote(knex: Knex, ideaId: number, userId: number): Promise<boolean> {
  const { rows } = await knex.raw(
    `INSERT INTO idea_votes (idea_id, user_id) VALUES (?, ?) ON CONFLICT DO NOTHING RETURNING idea_id`,
    [ideaId, userId],
  );
  return rows.length > 0;
}

export async function removeVote(knex: Knex, ideaId: number, userId: number): Promise<void> {
  await knex.raw('DELETE FROM idea_votes WHERE idea_id = ? AND user_id = ? RETURNING idea_id', [ideaId, userId]);
}

export async function voteCount(knex: Knex, ideaId: number): Promise<number> {
  const { rows } = await knex.raw('SELECT count(*)::int AS n FROM idea_votes WHERE idea_id = ?', [ideaId]);
  return rows[0].n;
}

export async function setFollow(knex: Knex, ideaId: number, userId: number, on: boolean): Promise<void> {
  await knex.raw(
    on
      ? 'INSERT INTO idea_follows (idea_id, user_id) VALUES (?, ?) ON CONFLICT DO NOTHING RETURNING idea_id'
      : 'DELETE FROM idea_follows WHERE idea_id = ? AND user_id = ? RETURNING idea_id',
    [ideaId, userId],
  );
}

export async function addParticipant(knex: Knex, ideaId: number, userId: number, message: string | null): Promise<void> {
  await knex.raw(
    `INSERT INTO idea_participants (idea_id, user_id, message) VALUES (?, ?, ?)
     ON CONFLICT (idea_id, user_id) DO UPDATE SET message = EXCLUDED.message RETURNING idea_id`,
    [ideaId, userId, message],
  );
}

export async function participation(knex: Knex, ideaId: number, userId: number | null) {
  const { rows } = await knex.raw(
    `SELECT (SELECT count(*)::int FROM idea_votes WHERE idea_id = ?) AS votes,
            EXISTS (SELECT 1 FROM idea_votes WHERE idea_id = ? AND user_id = ?) AS voted,
            EXISTS (SELECT 1 FROM idea_follows WHERE idea_id = ? AND user_id = ?) AS following,
            EXISTS (SELECT 1 FROM idea_participants WHERE idea_id = ? AND user_id = ?) AS participating,
            coalesce((SELECT json_agg(json_build_object('name', coalesce(u.display_name, 'Asukas'), 'message', p.message)
                                      ORDER BY p.created_at)
                        FROM idea_participants p JOIN users u ON u.id = p.user_id WHERE p.idea_id = ?), '[]'::json) AS participants`,
    [ideaId, ideaId, userId, ideaId, userId, ideaId, userId, ideaId],
  );
  const r = rows[0];
  return {
    votes: r.votes as number,
    mine: { voted: r.voted as boolean, following: r.following as boolean, participating: r.participating as boolean },
    participants: r.participants as { name: string; message: string | null }[],
  };
}

export async function followerIds(knex: Knex, ideaId: number): Promise<{ id: number; email: string; language: Language }[]> {
  const { rows } = await knex.raw(
    `SELECT u.id, u.email, u.language FROM idea_follows f JOIN users u ON u.id = f.user_id
      WHERE f.idea_id = ? AND u.disabled_at IS NULL ORDER BY u.id`,
    [ideaId],
  );
  return rows;
}

// ---- comments ------------------------------------------------------------------------------

export async function commentById(knex: Knex, id: number) {
  const { rows } = await knex.raw(
    `SELECT id, idea_id, parent_id, author_user_id, created_at, hidden_at FROM idea_comments WHERE id = ?`,
    [id],
  );
  return (rows[0] ?? null) as {
    id: number;
    idea_id: number;
    parent_id: number | null;
    author_user_id: number | null;
    created_at: Date;
    hidden_at: Date | null;
  } | null;
}

export async function insertComment(
  knex: Knex,
  c: { ideaId: number; parentId: number | null; userId: number; body: string },
): Promise<number> {
  const { rows } = await knex.raw(
    `INSERT INTO idea_comments (idea_id, parent_id, author_user_id, body) VALUES (?, ?, ?, ?) RETURNING id`,
    [c.ideaId, c.parentId, c.userId, c.body],
  );
  return rows[0].id;
}

export async function updateCommentBody(knex: Knex, id: number, body: string): Promise<void> {
  await knex.raw('UPDATE idea_comments SET body = ?, edited_at = now() WHERE id = ? RETURNING id', [body, id]);
}

/** Comments of an idea, flat and oldest first; the service nests the replies. Hidden text is withheld. */
export async function commentsOf(knex: Knex, ideaId: number): Promise<Omit<IdeaComment, 'replies'>[]> {
  const { rows } = await knex.raw(
    `SELECT c.id, c.parent_id AS "parentId", coalesce(u.display_name, 'Asukas') AS author,
            CASE WHEN c.hidden_at IS NULL THEN c.body ELSE '' END AS body,
            ${ISO('c.created_at')} AS "createdAt", ${ISO('c.edited_at')} AS "editedAt",
            CASE WHEN c.hidden_at IS NULL THEN NULL ELSE json_build_object('reason', c.hidden_reason) END AS hidden
       FROM idea_comments c LEFT JOIN users u ON u.id = c.author_user_id
      WHERE c.idea_id = ? ORDER BY c.id`,
    [ideaId],
  );
  return rows;
}

// ---- moderation ----------------------------------------------------------------------------

export async function insertReport(
  knex: Knex,
  r: { targetType: 'idea' | 'comment'; targetId: number; reporterUserId: number | null; reason: string },
): Promise<number> {
  const { rows } = await knex.raw(
    `INSERT INTO content_reports (target_type, target_id, reporter_user_id, reason) VALUES (?, ?, ?, ?) RETURNING id`,
    [r.targetType, r.targetId, r.reporterUserId, r.reason],
  );
  return rows[0].id;
}

export async function openReports(knex: Knex, limit: number): Promise<ContentReport[]> {
  const { rows } = await knex.raw(
    `SELECT r.id, r.target_type AS "targetType", r.target_id AS "targetId",
            coalesce(i.id, c.idea_id) AS "ideaId", coalesce(i.title, ci.title) AS "ideaTitle",
            left(coalesce(i.title || ': ' || i.description, c.body), 200) AS excerpt,
            r.reason, ${ISO('r.created_at')} AS "createdAt",
            CASE WHEN u.id IS NULL THEN NULL ELSE coalesce(nullif(trim(u.display_name), ''), 'Asukas') END AS reporter
       FROM content_reports r
       LEFT JOIN ideas i ON r.target_type = 'idea' AND i.id = r.target_id
       LEFT JOIN idea_comments c ON r.target_type = 'comment' AND c.id = r.target_id
       LEFT JOIN ideas ci ON ci.id = c.idea_id
       LEFT JOIN users u ON u.id = r.reporter_user_id
      WHERE r.status = 'open' ORDER BY r.id DESC LIMIT ?`,
    [limit],
  );
  return rows;
}

/** Hides (never deletes) the content and closes its open reports; returns the author to tell and what it was before. */
export async function hideContent(
  trx: Knex.Transaction,
  target: { type: 'idea' | 'comment'; id: number },
  reason: string,
  moderatorId: number,
): Promise<{
  ideaId: number;
  authorUserId: number | null;
  before: { hidden: boolean; reason: string | null };
  reportsClosed: number[];
} | null> {
  const table = target.type === 'idea' ? 'ideas' : 'idea_comments';
  const ideaCol = target.type === 'idea' ? 'id' : 'idea_id';
  const { rows } = await trx.raw(
    `UPDATE ${table} t SET hidden_at = now(), hidden_reason = ?
       FROM (SELECT id, hidden_at, hidden_reason FROM ${table} WHERE id = ? FOR UPDATE) old
      WHERE t.id = old.id
     RETURNING t.${ideaCol} AS idea_id, t.author_user_id, old.hidden_at IS NOT NULL AS was_hidden, old.hidden_reason AS old_reason`,
    [reason, target.id],
  );
  if (!rows[0]) return null;
  const closed = await trx.raw(
    `UPDATE content_reports SET status = 'hidden', handled_by = ?, handled_at = now()
      WHERE target_type = ? AND target_id = ? AND status = 'open' RETURNING id`,
    [moderatorId, target.type, target.id],
  );
  return {
    ideaId: rows[0].idea_id,
    authorUserId: rows[0].author_user_id,
    before: { hidden: rows[0].was_hidden, reason: rows[0].old_reason },
    reportsClosed: (closed.rows as { id: number }[]).map((r) => r.id).sort((a, b) => a - b),
  };
}

/** Closes an open report; returns what it was about, or null when there is no such open report. */
export async function dismissReport(
  knex: Knex,
  reportId: number,
  moderatorId: number,
): Promise<{ targetType: 'idea' | 'comment'; targetId: number } | null> {
  const { rows } = await knex.raw(
    `UPDATE content_reports SET status = 'dismissed', handled_by = ?, handled_at = now()
      WHERE id = ? AND status = 'open' RETURNING target_type AS "targetType", target_id AS "targetId"`,
    [moderatorId, reportId],
  );
  return rows[0] ?? null;
}

/** What mails about an idea need: its code and title, and the contact a visitor author left. */
export async function ideaContact(
  knex: Knex,
  ideaId: number,
): Promise<{
  trackingCode: string;
  title: string;
  authorUserId: number | null;
  contactEmail: string | null;
  language: Language;
}> {
  const { rows } = await knex.raw(
    `SELECT tracking_code AS "trackingCode", title, author_user_id AS "authorUserId", contact_email AS "contactEmail",
            language
       FROM ideas WHERE id = ?`,
    [ideaId],
  );
  return rows[0];
}

// ---- notifications -------------------------------------------------------------------------

export async function notify(
  knex: Knex,
  userIds: number[],
  n: { kind: Notification['kind']; ideaId: number | null; payload: Record<string, unknown> },
): Promise<void> {
  if (userIds.length === 0) return;
  await knex.raw(
    `INSERT INTO notifications (user_id, kind, idea_id, payload)
     SELECT u, ?, ?, ?::jsonb FROM unnest(?::int[]) AS x(u) RETURNING id`,
    [n.kind, n.ideaId, JSON.stringify(n.payload), userIds],
  );
}

export async function notificationsOf(knex: Knex, userId: number, limit: number): Promise<Notification[]> {
  const { rows } = await knex.raw(
    `SELECT id, kind, idea_id AS "ideaId", payload, ${ISO('created_at')} AS "createdAt", ${ISO('read_at')} AS "readAt"
       FROM notifications WHERE user_id = ? ORDER BY id DESC LIMIT ?`,
    [userId, limit],
  );
  return rows;
}

export async function markNotificationsRead(knex: Knex, userId: number): Promise<void> {
  await knex.raw('UPDATE notifications SET read_at = now() WHERE user_id = ? AND read_at IS NULL RETURNING id', [userId]);
}
