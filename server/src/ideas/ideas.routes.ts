import { Router, type Request } from 'express';
import type { Knex } from 'knex';
import { z } from 'zod';
import { actorOf } from '../audit/audit.service.js';
import { currentAccount, requireRole, writeRoute } from '../auth/policy.js';
import {
  CommentBody,
  CommentEditBody,
  DismissBody,
  HideBody,
  IdeaSubmitBody,
  ParticipateBody,
  ReportBody,
  StageChangeBody,
} from '../contracts/ideas.js';
import { EmptyBody, IdParam } from '../contracts/common.js';
import { securityContext } from '../security/context.js';
import { rateLimit } from '../security/rate-limit.js';
import type { IdeaMailing } from './idea-mails.js';
import * as service from './ideas.service.js';
import * as participation from './participation.service.js';

const IdeaIdParams = z.object({ id: IdParam('id') });
const CommentIdParams = IdeaIdParams;
const ReportIdParams = IdeaIdParams;
const ideaId = (req: Request) => IdeaIdParams.parse(req.params).id;
const userId = (req: Request) => currentAccount(req).user.id;
const moderator = (req: Request): participation.Moderator => ({ ...actorOf(req), userId: userId(req) });
const official = (req: Request): service.Official => {
  const account = currentAccount(req);
  return { ...actorOf(req), userId: account.user.id, departmentIds: account.departments.map((d) => d.id) };
};
const mailing = (req: Request): IdeaMailing => {
  const { auth } = securityContext(req);
  return { mailer: auth.mailer, publicUrl: auth.publicUrl };
};

const ACCOUNT = { roles: 'account' } as const;
const MODERATOR = { roles: ['moderator', 'admin'] } as const;
/** Departments are checked by the service: an idea nobody has taken yet is open to every official. */
const OFFICIAL = { roles: ['official'] } as const;

export function ideasRouter(knex: Knex, settings: service.IdeaSettings): Router {
  const r = Router();

  // ---- reading (everyone) ----
  // The list and downloads (/ideas, .geojson, .csv) are served from ideas.dataset.ts.
  r.get('/ideas/by-code/:code', async (req, res) => {
    const id = await service.ideaIdByTrackingCode(knex, String(req.params.code));
    res.json(await service.ideaDetail(knex, id, settings));
  });
  r.get('/ideas/:id', async (req, res) => {
    res.json(await service.ideaDetail(knex, ideaId(req), settings));
  });
  r.get('/ideas/:id/comments', async (req, res) => {
    res.json(await participation.commentsOf(knex, ideaId(req)));
  });
  r.get('/ideas/:id/participation', async (req, res) => {
    res.json(await participation.participationOf(knex, ideaId(req), req.auth?.user.id ?? null));
  });

  // ---- submitting and reporting (visitors too) ----
  writeRoute(r, 'post', '/ideas', { roles: 'public' }, rateLimit('idea'), async (req, res) => {
    const body = IdeaSubmitBody.parse(req.body ?? {});
    const submitted = await service.submitIdea(knex, body, { userId: req.auth?.user.id ?? null });
    await service.mailTrackingCode(mailing(req), {
      ...submitted,
      title: body.title,
      contactEmail: body.contactEmail,
      language: body.language,
    });
    res.status(201).json(submitted);
  });
  writeRoute(r, 'post', '/reports', { roles: 'public' }, rateLimit('idea'), async (req, res) => {
    const body = ReportBody.parse(req.body ?? {});
    res.status(201).json(await participation.report(knex, body, req.auth?.user.id ?? null));
  });

  // ---- residents ----
  writeRoute(r, 'post', '/ideas/:id/votes', ACCOUNT, rateLimit('vote'), async (req, res) => {
    EmptyBody.parse(req.body);
    res.status(201).json(await participation.vote(knex, ideaId(req), userId(req)));
  });
  writeRoute(r, 'delete', '/ideas/:id/votes', ACCOUNT, rateLimit('vote'), async (req, res) => {
    EmptyBody.parse(req.body);
    res.json(await participation.unvote(knex, ideaId(req), userId(req)));
  });
  writeRoute(r, 'put', '/ideas/:id/follow', ACCOUNT, async (req, res) => {
    EmptyBody.parse(req.body);
    await participation.follow(knex, ideaId(req), userId(req), true);
    res.status(204).end();
  });
  writeRoute(r, 'delete', '/ideas/:id/follow', ACCOUNT, async (req, res) => {
    EmptyBody.parse(req.body);
    await participation.follow(knex, ideaId(req), userId(req), false);
    res.status(204).end();
  });
  writeRoute(r, 'post', '/ideas/:id/participants', ACCOUNT, async (req, res) => {
    const body = ParticipateBody.parse(req.body ?? {});
    await participation.participate(knex, ideaId(req), userId(req), body.message ?? null);
    res.status(204).end();
  });
  writeRoute(r, 'post', '/ideas/:id/comments', ACCOUNT, async (req, res) => {
    const body = CommentBody.parse(req.body ?? {});
    res.status(201).json(await participation.addComment(knex, ideaId(req), userId(req), body));
  });
  writeRoute(r, 'patch', '/comments/:id', ACCOUNT, async (req, res) => {
    const { id } = CommentIdParams.parse(req.params);
    await participation.editComment(knex, id, userId(req), CommentEditBody.parse(req.body ?? {}).body);
    res.status(204).end();
  });
  r.get('/notifications', async (req, res) => {
    res.json(await participation.notificationsOf(knex, userId(req)));
  });
  writeRoute(r, 'post', '/notifications/read', ACCOUNT, async (req, res) => {
    EmptyBody.parse(req.body);
    await participation.markNotificationsRead(knex, userId(req));
    res.status(204).end();
  });

  // ---- officials ----
  writeRoute(r, 'post', '/ideas/:id/stage', OFFICIAL, async (req, res) => {
    const id = ideaId(req);
    const change = StageChangeBody.parse(req.body ?? {});
    await service.moveIdea(knex, id, change, official(req));
    await participation.announceStageChange(knex, mailing(req), id, change);
    res.json(await service.ideaDetail(knex, id, settings));
  });
  writeRoute(r, 'post', '/ideas/:id/responsibility', OFFICIAL, async (req, res) => {
    EmptyBody.parse(req.body);
    const id = ideaId(req);
    await service.takeResponsibility(knex, id, official(req));
    res.json(await service.ideaDetail(knex, id, settings));
  });

  // ---- moderators ----
  r.get('/moderation/reports', requireRole('moderator', 'admin'), async (_req, res) => {
    res.json(await participation.moderationQueue(knex));
  });
  writeRoute(r, 'post', '/moderation/ideas/:id/hide', MODERATOR, async (req, res) => {
    await participation.hide(
      knex,
      { type: 'idea', id: ideaId(req) },
      HideBody.parse(req.body ?? {}).reason,
      moderator(req),
      mailing(req),
    );
    res.status(204).end();
  });
  writeRoute(r, 'post', '/moderation/comments/:id/hide', MODERATOR, async (req, res) => {
    const { id } = CommentIdParams.parse(req.params);
    await participation.hide(knex, { type: 'comment', id }, HideBody.parse(req.body ?? {}).reason, moderator(req), mailing(req));
    res.status(204).end();
  });
  writeRoute(r, 'post', '/moderation/reports/:id/dismiss', MODERATOR, async (req, res) => {
    const { id } = ReportIdParams.parse(req.params);
    // Parsed strictly and before anything changes: a missing or stray body ([] or junk) is a 400.
    const { reason } = DismissBody.parse(req.body);
    await participation.dismissReport(knex, id, moderator(req), reason);
    res.status(204).end();
  });
  return r;
}
