import { Router } from 'express';
import type { Knex } from 'knex';
import type { AuthOptions } from '../auth/auth-options.js';
import { inviteAccount } from '../auth/auth.service.js';
import { writeRoute, requireRole } from '../auth/policy.js';
import { actorOf } from '../audit/audit.service.js';
import {
  CreateKehraGroupRequest,
  InviteRequest,
  PatchRolesRequest,
  PatchUserRequest,
  ReplaceRolesRequest,
  UserIdParams,
  UsersQuery,
  type UsersResponse,
} from '../contracts/users.js';
import * as service from './users.service.js';

const admin = { roles: ['admin'] } as const;

/** User, role and membership management for admins (the admin page of the UI). */
export function adminUsersRouter(knex: Knex, auth: AuthOptions): Router {
  const r = Router();

  /** Creates the account with its roles and mails the person a link to set a password. */
  writeRoute(r, 'post', '/admin/users/invitations', admin, async (req, res) => {
    const body = InviteRequest.parse(req.body);
    res.status(201).json(await inviteAccount(knex, auth, actorOf(req), body));
  });

  r.get('/admin/users', requireRole('admin'), async (req, res) => {
    const q = UsersQuery.parse(req.query);
    const body: UsersResponse = await service.listUsers(knex, q);
    res.json(body);
  });

  r.get('/admin/users/:id', requireRole('admin'), async (req, res) => {
    const { id } = UserIdParams.parse(req.params);
    res.json(await service.getUser(knex, id));
  });

  writeRoute(r, 'put', '/admin/users/:id/roles', admin, async (req, res) => {
    const { id } = UserIdParams.parse(req.params);
    const body = ReplaceRolesRequest.parse(req.body);
    res.json(await service.replaceAuthority(knex, actorOf(req), id, body));
  });

  writeRoute(r, 'patch', '/admin/users/:id/roles', admin, async (req, res) => {
    const { id } = UserIdParams.parse(req.params);
    const body = PatchRolesRequest.parse(req.body);
    res.json(await service.patchAuthority(knex, actorOf(req), id, body));
  });

  writeRoute(r, 'patch', '/admin/users/:id', admin, async (req, res) => {
    const { id } = UserIdParams.parse(req.params);
    const body = PatchUserRequest.parse(req.body);
    res.json(await service.setDisabled(knex, actorOf(req), id, body.disabled));
  });

  r.get('/admin/departments', requireRole('admin'), async (_req, res) => {
    res.json({ departments: await service.listDepartments(knex) });
  });

  r.get('/admin/kehra-groups', requireRole('admin'), async (_req, res) => {
    res.json({ kehraGroups: await service.listKehraGroups(knex) });
  });

  writeRoute(r, 'post', '/admin/kehra-groups', admin, async (req, res) => {
    const body = CreateKehraGroupRequest.parse(req.body);
    res.status(201).json(await service.createKehraGroup(knex, actorOf(req), body.name));
  });

  return r;
}
