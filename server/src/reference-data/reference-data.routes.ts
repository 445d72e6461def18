import { Router } from 'express';
import type { Knex } from 'knex';
import { requireRole, writeRoute } from '../auth/policy.js';
import { actorOf } from '../audit/audit.service.js';
import { EmptyBody } from '../contracts/common.js';
import {
  DepartmentBody,
  DepartmentPatchBody,
  ReferenceSlugParams,
  ThemeBody,
  ThemePatchBody,
  type ReferenceDataResponse,
} from '../contracts/reference-data.js';
import * as service from './reference-data.service.js';

const admin = { roles: ['admin'] } as const;
const slugOf = (params: unknown) => ReferenceSlugParams.parse(params).slug;

/** Departments and themes for admins: the public lists are GET /api/departments and /api/themes. */
export function referenceDataRouter(knex: Knex): Router {
  const r = Router();

  r.get('/admin/reference-data', requireRole('admin'), async (_req, res) => {
    const body: ReferenceDataResponse = await service.listReferenceData(knex);
    res.json(body);
  });

  writeRoute(r, 'post', '/admin/departments', admin, async (req, res) => {
    res.status(201).json(await service.createDepartment(knex, actorOf(req), DepartmentBody.parse(req.body ?? {})));
  });
  writeRoute(r, 'patch', '/admin/departments/:slug', admin, async (req, res) => {
    const slug = slugOf(req.params);
    res.json(await service.updateDepartment(knex, actorOf(req), slug, DepartmentPatchBody.parse(req.body ?? {})));
  });
  writeRoute(r, 'delete', '/admin/departments/:slug', admin, async (req, res) => {
    const slug = slugOf(req.params);
    EmptyBody.parse(req.body);
    await service.deleteDepartment(knex, actorOf(req), slug);
    res.status(204).end();
  });

  writeRoute(r, 'post', '/admin/themes', admin, async (req, res) => {
    res.status(201).json(await service.createTheme(knex, actorOf(req), ThemeBody.parse(req.body ?? {})));
  });
  writeRoute(r, 'patch', '/admin/themes/:slug', admin, async (req, res) => {
    const slug = slugOf(req.params);
    res.json(await service.updateTheme(knex, actorOf(req), slug, ThemePatchBody.parse(req.body ?? {})));
  });
  writeRoute(r, 'delete', '/admin/themes/:slug', admin, async (req, res) => {
    const slug = slugOf(req.params);
    EmptyBody.parse(req.body);
    await service.deleteTheme(knex, actorOf(req), slug);
    res.status(204).end();
  });

  return r;
}
