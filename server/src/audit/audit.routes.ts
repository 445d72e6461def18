import { Router } from 'express';
import type { Knex } from 'knex';
import { requireRole } from '../auth/policy.js';
import { AuditQuery, type AuditResponse } from '../contracts/users.js';
import { listAuditEntries } from './audit.service.js';

export function auditRouter(knex: Knex): Router {
  const r = Router();
  r.get('/admin/audit', requireRole('admin'), async (req, res) => {
    const q = AuditQuery.parse(req.query);
    const entries = await listAuditEntries(knex, q);
    const body: AuditResponse = {
      entries,
      nextBefore: entries.length === q.limit ? entries[entries.length - 1].id : null,
    };
    res.json(body);
  });
  return r;
}
