import { Router, type Request } from 'express';
import type { Knex } from 'knex';
import {
  ActivityBody,
  ActivityClustersQuery,
  ActivityDetailQuery,
  ActivityIdParams,
  ActivityPatchBody,
  OverlapsBody,
  OverlapsQuery,
} from '../contracts/activities.js';
import { actorOf } from '../audit/audit.service.js';
import { currentAccount, departmentScope, writeRoute, type Policy } from '../auth/policy.js';
import { EmptyBody } from '../contracts/common.js';
import { badField } from '../http/errors.js';
import { activityClusters } from './activities.clusters.js';
import * as service from './activities.service.js';

const activityId = (req: Request) => ActivityIdParams.parse(req.params).id;
/** Admins write every department's activities; an official the departments they belong to. */
const authorityOf = (req: Request): service.DepartmentAuthority => {
  const account = currentAccount(req);
  return account.roles.includes('admin') ? null : account.departments.map((d) => d.slug);
};

/** A resolver must never fail with 500: an id that is not one names no activity (404). */
const departmentOfActivity = async (req: Request, knex: Knex) => {
  const p = ActivityIdParams.safeParse(req.params);
  return p.success ? service.departmentOfActivity(knex, p.data.id) : null;
};
/** A new activity belongs to the department its body names; that one must exist (400, not 404). */
const departmentInBody = async (req: Request, knex: Knex) => {
  const slug: unknown = (req.body as { department?: unknown } | undefined)?.department;
  const known = typeof slug === 'string' && (await service.listDepartments(knex)).some((d) => d.slug === slug);
  if (!known) throw badField('department', 'department must name an existing department (its slug)');
  return slug;
};

const OWN_NEW_ACTIVITY: Policy = { roles: ['official', 'admin'], scope: departmentScope(departmentInBody) };
const OWN_ACTIVITY: Policy = { roles: ['official', 'admin'], scope: departmentScope(departmentOfActivity) };

export function activitiesRouter(knex: Knex): Router {
  const r = Router();
  r.get('/departments', async (_req, res) => {
    res.json(await service.listDepartments(knex));
  });
  r.get('/themes', async (_req, res) => {
    res.json(await service.listThemes(knex));
  });
  // The list and downloads (/activities, .geojson, .csv) are served from activities.dataset.ts.

  // Before /activities/:id, which would take "clusters" for an id.
  r.get('/activities/clusters', async (req, res) => {
    const { zoom, ...f } = ActivityClustersQuery.parse(req.query);
    res.json(await activityClusters(knex, f, zoom));
  });

  r.get('/activities/:id', async (req, res) => {
    const { id } = ActivityIdParams.parse(req.params);
    const q = ActivityDetailQuery.parse(req.query);
    res.json(await service.activityDetail(knex, id, q.distance));
  });

  writeRoute(r, 'post', '/activities', OWN_NEW_ACTIVITY, async (req, res) => {
    const id = await service.createActivity(knex, actorOf(req), ActivityBody.parse(req.body ?? {}));
    res.status(201).json(await service.activityDetail(knex, id));
  });
  writeRoute(r, 'patch', '/activities/:id', OWN_ACTIVITY, async (req, res) => {
    const id = activityId(req);
    await service.updateActivity(knex, actorOf(req), id, ActivityPatchBody.parse(req.body ?? {}), authorityOf(req));
    res.json(await service.activityDetail(knex, id));
  });
  writeRoute(r, 'delete', '/activities/:id', OWN_ACTIVITY, async (req, res) => {
    const id = activityId(req);
    EmptyBody.parse(req.body);
    await service.deleteActivity(knex, actorOf(req), id);
    res.status(204).end();
  });

  r.get('/overlaps', async (req, res) => {
    res.json(await service.overlapsOfPlace(knex, OverlapsQuery.parse(req.query)));
  });
  // A read with a body (drawn shapes are too long for a URL); declared so the matrix covers it.
  writeRoute(r, 'post', '/overlaps', { roles: 'public' }, async (req, res) => {
    res.json(await service.overlapsOfPlace(knex, OverlapsBody.parse(req.body ?? {})));
  });
  return r;
}
