import type { Request, RequestHandler, Router } from 'express';
import type { Knex } from 'knex';
import type { Role } from '../contracts/auth.js';
import { HttpError } from '../http/errors.js';
import { securityContext } from '../security/context.js';
import type { AuthContext } from './session.js';

/**
 * Who may call an endpoint. `roles` is 'public' (visitors too), 'account' (anyone signed in) or
 * a list of roles of which one suffices. A scope narrows ONE role to its own resources:
 * a department scope constrains officials, a Kehrä scope constrains Kehrä members; other roles in
 * the list (e.g. admin, moderator) pass unscoped.
 */
export interface Policy {
  roles: 'public' | 'account' | readonly Role[];
  scope?: Scope;
}

/** Resolves the department (id or slug) or Kehrä group id that the request's resource belongs to. */
export type ScopeResolver = (
  req: Request,
  knex: Knex,
) => Promise<number | string | null | undefined> | number | string | null | undefined;

export interface Scope {
  kind: 'department' | 'kehra';
  /** The role the scope constrains. */
  role: Role;
  resolve: ScopeResolver;
  /** People of the resource itself who pass outside their department (a partnership table's organisers). */
  also?: (req: Request, knex: Knex, userId: number) => Promise<boolean>;
}

/** Officials may act only on resources of their own departments. null from the resolver → 404. */
export const departmentScope = (resolve: ScopeResolver, also?: Scope['also']): Scope => ({
  kind: 'department',
  role: 'official',
  resolve,
  also,
});
/** Kehrä members may act only on resources of their own Kehrä groups. null from the resolver → 404. */
export const kehraScope = (resolve: ScopeResolver): Scope => ({ kind: 'kehra', role: 'kehra', resolve });

export const unauthenticated = () => new HttpError(401, 'authentication_required', 'Sign in first');
export const forbidden = (message = 'Your roles do not allow this') => new HttpError(403, 'forbidden', message);
export const outOfScope = (what: string) => new HttpError(403, 'out_of_scope', `This belongs to another ${what} than yours`);

/** The signed-in account, or 401. */
export function currentAccount(req: Request): AuthContext {
  if (!req.auth) throw unauthenticated();
  return req.auth;
}

function inScope(auth: AuthContext, scope: Scope, value: number | string): boolean {
  if (scope.kind === 'department') {
    return auth.departments.some((d) => d.id === Number(value) || d.slug === String(value));
  }
  return auth.kehraGroups.some((g) => g.id === Number(value));
}

/** Checks a policy against the request (401, 403 forbidden, 403 out_of_scope or 404). */
export async function checkPolicy(req: Request, policy: Policy): Promise<void> {
  if (policy.roles === 'public') return;
  const auth = currentAccount(req);
  if (policy.roles === 'account') return;
  const held = policy.roles.filter((r) => auth.roles.includes(r));
  if (held.length === 0) throw forbidden(`This needs one of the roles: ${policy.roles.join(', ')}`);
  const scope = policy.scope;
  if (!scope || held.some((r) => r !== scope.role)) return;
  const value = await scope.resolve(req, securityContext(req).knex);
  if (value === null || value === undefined) throw new HttpError(404, 'not_found', 'The resource was not found');
  if (inScope(auth, scope, value)) return;
  if (scope.also && (await scope.also(req, securityContext(req).knex, auth.user.id))) return;
  throw outOfScope(scope.kind === 'department' ? 'department' : 'Kehrä group');
}

export const requirePolicy =
  (policy: Policy): RequestHandler =>
  async (_req, _res, next) => {
    await checkPolicy(_req, policy);
    next();
  };

export const requireAuth: RequestHandler = requirePolicy({ roles: 'account' });
export const requireRole = (...roles: Role[]): RequestHandler => requirePolicy({ roles });
export const requireDepartmentScope = (resolve: ScopeResolver, ...alsoRoles: Role[]): RequestHandler =>
  requirePolicy({ roles: ['official', ...alsoRoles], scope: departmentScope(resolve) });
export const requireKehraScope = (resolve: ScopeResolver, ...alsoRoles: Role[]): RequestHandler =>
  requirePolicy({ roles: ['kehra', ...alsoRoles], scope: kehraScope(resolve) });

// ---------------------------------------------------------------------------------------------
// The registry of write routes. Every POST/PUT/PATCH/DELETE is declared with writeRoute(), which
// puts the policy check first in its chain and tags it, so listRoutes() can find every write
// route of the app — and the ones declared without a policy — by walking Express's router stack.

export type WriteMethod = 'post' | 'put' | 'patch' | 'delete';
export const WRITE_METHODS: readonly WriteMethod[] = ['post', 'put', 'patch', 'delete'];
const POLICY = Symbol.for('kk.writePolicy');
type Tagged = RequestHandler & { [POLICY]?: Policy };

/**
 * Declares a write endpoint with its policy:
 *   writeRoute(r, 'patch', '/activities/:id', { roles: ['official', 'admin'],
 *     scope: departmentScope((req, knex) => repo.departmentOfActivity(knex, Number(req.params.id))) }, handler)
 */
export function writeRoute(
  router: Router,
  method: WriteMethod,
  path: string,
  policy: Policy,
  ...handlers: RequestHandler[]
): void {
  const check: Tagged = requirePolicy(policy);
  check[POLICY] = policy;
  router[method](path, check, ...handlers);
}

export interface RouteInfo {
  method: string;
  /** Full path as declared, e.g. /api/admin/users/:id/roles. */
  path: string;
  /** The declared policy; null for a write route not declared with writeRoute(). */
  policy: Policy | null;
}

interface StackLayer {
  handle: { stack?: StackLayer[]; [POLICY]?: Policy };
  rawPath?: unknown;
  slash?: boolean;
  route?: { path: unknown; methods: Record<string, boolean>; stack: { handle: Tagged }[] };
}

/** Every route of an Express app with its method(s), walking mounted routers recursively. */
export function listRoutes(app: { router: unknown }): RouteInfo[] {
  const out: RouteInfo[] = [];
  const walk = (stack: StackLayer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
        const policy = layer.route.stack.map((l) => l.handle[POLICY]).find(Boolean) ?? null;
        for (const method of Object.keys(layer.route.methods).filter((m) => layer.route!.methods[m])) {
          for (const p of paths) out.push({ method: method.toUpperCase(), path: prefix + String(p), policy });
        }
      } else if (layer.handle.stack) {
        const mount = layer.slash || typeof layer.rawPath !== 'string' ? '' : layer.rawPath;
        walk(layer.handle.stack, prefix + mount);
      }
    }
  };
  walk((app.router as { stack: StackLayer[] }).stack, '');
  return out;
}

export const listWriteRoutes = (app: { router: unknown }): RouteInfo[] =>
  listRoutes(app).filter((r) => (WRITE_METHODS as readonly string[]).includes(r.method.toLowerCase()) || r.method === '_ALL');
