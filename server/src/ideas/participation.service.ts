import type { Knex } from 'knex';
import type { Language } from '../contracts/common.js';
import { recordAudit, type AuditActor } from '../audit/audit.service.js';
import {
  COMMENT_EDIT_WINDOW_MINUTES,
  type ContentReport,
  type IdeaComment,
  type IdeaParticipation,
  type StageChangeBody,
} from '../contracts/ideas.js';
import { HttpError, notFound } from '../http/errors.js';
import { ideaHiddenMail, sendIdeaMail, stageChangedMail, type IdeaMailing } from './idea-mails.js';
import * as repo from './participation.repository.js';

async function visibleIdea(knex: Knex, ideaId: number): Promise<void> {
  const { rows } = await knex.raw('SELECT hidden_at FROM ideas WHERE id = ?', [ideaId]);
  if (!rows[0]) throw notFound(`Idea ${ideaId}`);
  if (rows[0].hidden_at) throw new HttpError(409, 'idea_hidden', 'This idea has been hidden by a moderator');
}

export async function vote(knex: Knex, ideaId: number, userId: number): Promise<{ votes: number }> {
  await visibleIdea(knex, ideaId);
  if (!(await repo.addVote(knex, ideaId, userId))) {
    throw new HttpError(409, 'already_voted', 'You have already voted for this idea');
  }
  return { votes: await repo.voteCount(knex, ideaId) };
}

export async function unvote(knex: Knex, ideaId: number, userId: number): Promise<{ votes: number }> {
  await visibleIdea(knex, ideaId);
  await repo.removeVote(knex, ideaId, userId);
  return { votes: await repo.voteCount(knex, ideaId) };
}

export async function follow(knex: Knex, ideaId: number, userId: number, on: boolean): Promise<void> {
  await visibleIdea(knex, ideaId);
  await repo.setFollow(knex, ideaId, userId, on);
}

export async function participate(knex: Knex, ideaId: number, userId: number, message: string | null): Promise<void> {
  await visibleIdea(knex, ideaId);
  await repo.addParticipant(knex, ideaId, userId, message);
  // Taking part implies wanting to hear how it goes.
  await repo.setFollow(knex, ideaId, userId, true);
}

export async function participationOf(knex: Knex, ideaId: number, userId: number | null): Promise<IdeaParticipation> {
  const { rows } = await knex.raw('SELECT 1 FROM ideas WHERE id = ?', [ideaId]);
  if (!rows[0]) throw notFound(`Idea ${ideaId}`);
  return repo.participation(knex, ideaId, userId);
}

export async function addComment(
  knex: Knex,
  ideaId: number,
  userId: number,
  c: { body: string; parentId?: number },
): Promise<{ id: number }> {
  await visibleIdea(knex, ideaId);
  let parentId: number | null = null;
  if (c.parentId !== undefined) {
    const parent = await repo.commentById(knex, c.parentId);
    if (!parent || parent.idea_id !== ideaId) {
      throw new HttpError(400, 'invalid_request', `parentId: comment ${c.parentId} is not a comment of idea ${ideaId}`);
    }
    parentId = parent.parent_id ?? parent.id;
    const replyTo = parent.author_user_id;
    const id = await repo.insertComment(knex, { ideaId, parentId, userId, body: c.body });
    if (replyTo && replyTo !== userId)
      await repo.notify(knex, [replyTo], { kind: 'comment_reply', ideaId, payload: { commentId: id } });
    return { id };
  }
  return { id: await repo.insertComment(knex, { ideaId, parentId, userId, body: c.body }) };
}

export async function editComment(knex: Knex, commentId: number, userId: number, body: string): Promise<void> {
  const c = await repo.commentById(knex, commentId);
  if (!c) throw notFound(`Comment ${commentId}`);
  if (c.author_user_id !== userId) throw new HttpError(403, 'forbidden', 'Only the author can edit a comment');
  if (c.hidden_at) throw new HttpError(409, 'comment_hidden', 'A hidden comment cannot be edited');
  const ageMinutes = (Date.now() - new Date(c.created_at).getTime()) / 60_000;
  if (ageMinutes > COMMENT_EDIT_WINDOW_MINUTES) {
    throw new HttpError(
      409,
      'edit_window_closed',
      `Comments can be edited for ${COMMENT_EDIT_WINDOW_MINUTES} minutes after writing`,
    );
  }
  await repo.updateCommentBody(knex, commentId, body);
}

/** Top-level comments with their replies beneath, oldest first. */
export async function commentsOf(knex: Knex, ideaId: number): Promise<IdeaComment[]> {
  const flat = await repo.commentsOf(knex, ideaId);
  const top: IdeaComment[] = [];
  const byId = new Map<number, IdeaComment>();
  for (const c of flat) {
    const node = { ...c, replies: [] };
    byId.set(c.id, node);
    if (c.parentId === null) top.push(node);
    else byId.get(c.parentId)?.replies.push(node);
  }
  return top;
}

export async function report(
  knex: Knex,
  r: { targetType: 'idea' | 'comment'; targetId: number; reason: string },
  reporterUserId: number | null,
): Promise<{ id: number }> {
  const table = r.targetType === 'idea' ? 'ideas' : 'idea_comments';
  const { rows } = await knex.raw(`SELECT 1 FROM ${table} WHERE id = ?`, [r.targetId]);
  if (!rows[0]) throw notFound(`${r.targetType === 'idea' ? 'Idea' : 'Comment'} ${r.targetId}`);
  return { id: await repo.insertReport(knex, { ...r, reporterUserId }) };
}

/** The open reports, newest first: the latest 200 when the queue is longer. */
export const moderationQueue = (knex: Knex): Promise<ContentReport[]> => repo.openReports(knex, 200);

/** A moderator acting, with who they are for the audit log. */
export type Moderator = AuditActor & { userId: number };

/**
 * Hides content with a public reason and tells its author: an account in the app, a visitor who
 * left only a contact address by e-mail (after the change is committed; a mail failure is logged).
 */
export async function hide(
  knex: Knex,
  target: { type: 'idea' | 'comment'; id: number },
  reason: string,
  moderator: Moderator,
  mailing: IdeaMailing,
): Promise<void> {
  const hidden = await knex.transaction(async (trx) => {
    const h = await repo.hideContent(trx, target, reason, moderator.userId);
    if (!h) throw notFound(`${target.type === 'idea' ? 'Idea' : 'Comment'} ${target.id}`);
    if (h.authorUserId) {
      await repo.notify(trx, [h.authorUserId], {
        kind: 'content_hidden',
        ideaId: h.ideaId,
        payload: { targetType: target.type, targetId: target.id, reason },
      });
    }
    await recordAudit(trx, moderator, {
      action: target.type === 'idea' ? 'idea.hide' : 'idea_comment.hide',
      target: { type: target.type === 'idea' ? 'idea' : 'idea_comment', id: target.id },
      before: h.before,
      after: { hidden: true, reason, reportsClosed: h.reportsClosed },
    });
    return h;
  });
  if (target.type !== 'idea' || hidden.authorUserId) return;
  const idea = await repo.ideaContact(knex, hidden.ideaId);
  if (!idea.contactEmail) return;
  const message = ideaHiddenMail(idea.contactEmail, { id: hidden.ideaId, ...idea }, reason, idea.language, mailing.publicUrl);
  await sendIdeaMail(mailing.mailer, message, `hidden notice of idea ${hidden.ideaId}`);
}

export async function dismissReport(knex: Knex, reportId: number, moderator: Moderator, reason?: string): Promise<void> {
  await knex.transaction(async (trx) => {
    const report = await repo.dismissReport(trx, reportId, moderator.userId);
    if (!report) throw notFound(`Open report ${reportId}`);
    await recordAudit(trx, moderator, {
      action: 'content_report.dismiss',
      target: { type: 'content_report', id: reportId },
      before: { status: 'open', ...report },
      after: { status: 'dismissed', ...report, ...(reason ? { reason } : {}) },
    });
  });
}

/**
 * After a stage change: an in-app notification for every follower and the author, and an e-mail
 * to them (and to a visitor who left an address). Mail failures are logged, never undo the change.
 */
export async function announceStageChange(
  knex: Knex,
  mailing: IdeaMailing,
  ideaId: number,
  change: StageChangeBody,
): Promise<void> {
  const idea = await repo.ideaContact(knex, ideaId);
  const followers = await repo.followerIds(knex, ideaId);
  const userIds = new Set(followers.map((f) => f.id));
  if (idea.authorUserId) userIds.add(idea.authorUserId);
  await repo.notify(knex, [...userIds], {
    kind: 'stage_changed',
    ideaId,
    payload: { to: change.to, reason: change.reason, trackingCode: idea.trackingCode },
  });
  // A follower reads it in their account's language; the contact address in the idea's own.
  const addresses = new Map<string, Language>();
  if (idea.contactEmail) addresses.set(idea.contactEmail, idea.language);
  for (const f of followers) addresses.set(f.email, f.language);
  for (const [to, language] of addresses) {
    const message = stageChangedMail(to, { id: ideaId, ...idea }, change, language, mailing.publicUrl);
    await sendIdeaMail(mailing.mailer, message, `stage change of idea ${ideaId} to a follower`);
  }
}

export const notificationsOf = (knex: Knex, userId: number) => repo.notificationsOf(knex, userId, 100);
export const markNotificationsRead = repo.markNotificationsRead;
