import type { Knex } from 'knex';
import type { Mailer } from '../auth/mailer.js';
import {
  COMMENT_EDIT_WINDOW_MINUTES,
  type ContentReport,
  type IdeaComment,
  type IdeaParticipation,
  type StageChangeBody,
} from '../contracts/ideas.js';
import { HttpError, notFound } from '../http/errors.js';
import { log } from '../log.js';
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
    if (replyTo && replyTo !== userId) await repo.notify(knex, [replyTo], { kind: 'comment_reply', ideaId, payload: { commentId: id } });
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
    throw new HttpError(409, 'edit_window_closed', `Comments can be edited for ${COMMENT_EDIT_WINDOW_MINUTES} minutes after writing`);
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

export const moderationQueue = (knex: Knex): Promise<ContentReport[]> => repo.openReports(knex, 200);

export async function hide(
  knex: Knex,
  target: { type: 'idea' | 'comment'; id: number },
  reason: string,
  moderatorId: number,
): Promise<void> {
  await knex.transaction(async (trx) => {
    const hidden = await repo.hideContent(trx, target, reason, moderatorId);
    if (!hidden) throw notFound(`${target.type === 'idea' ? 'Idea' : 'Comment'} ${target.id}`);
    if (hidden.authorUserId) {
      await repo.notify(trx, [hidden.authorUserId], {
        kind: 'content_hidden',
        ideaId: hidden.ideaId,
        payload: { targetType: target.type, targetId: target.id, reason },
      });
    }
  });
}

export async function dismissReport(knex: Knex, reportId: number, moderatorId: number): Promise<void> {
  if (!(await repo.dismissReport(knex, reportId, moderatorId))) throw notFound(`Open report ${reportId}`);
}

/**
 * After a stage change: an in-app notification for every follower and the author, and an e-mail
 * to them (and to a visitor who left an address). Mail failures are logged, never undo the change.
 */
export async function announceStageChange(
  knex: Knex,
  mailer: Mailer,
  ideaId: number,
  change: StageChangeBody,
  publicUrl: string,
): Promise<void> {
  const { rows } = await knex.raw(
    'SELECT tracking_code, title, author_user_id, contact_email FROM ideas WHERE id = ?',
    [ideaId],
  );
  const idea = rows[0];
  const followers = await repo.followerIds(knex, ideaId);
  const userIds = new Set(followers.map((f) => f.id));
  if (idea.author_user_id) userIds.add(idea.author_user_id);
  await repo.notify(knex, [...userIds], {
    kind: 'stage_changed',
    ideaId,
    payload: { to: change.to, reason: change.reason, trackingCode: idea.tracking_code },
  });
  const addresses = new Set(followers.map((f) => f.email));
  if (idea.contact_email) addresses.add(idea.contact_email);
  const link = new URL(`/ideas/${ideaId}`, publicUrl).toString();
  for (const to of addresses) {
    try {
      await mailer.send({
        to,
        subject: `${idea.tracking_code}: ${idea.title}`,
        text: `Idea ${idea.tracking_code} moved to stage "${change.to}".\n\n${change.reason}\n\n${link}`,
      });
    } catch (err) {
      log.warn(`stage change mail to a follower of idea ${ideaId} failed: ${(err as Error).message}`);
    }
  }
}

export const notificationsOf = (knex: Knex, userId: number) => repo.notificationsOf(knex, userId, 100);
export const markNotificationsRead = repo.markNotificationsRead;
