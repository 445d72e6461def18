import type { Role } from '@contracts/auth';

export interface Authority {
  roles: Role[];
  departments: string[];
  kehraGroups: number[];
}

/** The list with or without the item, keeping order and never repeating it. */
export function toggle<T>(list: T[], item: T, on: boolean): T[] {
  const without = list.filter((x) => x !== item);
  return on ? [...without, item] : without;
}

/**
 * A role, department or group ticked on or off: an official acts for departments and a Kehrä
 * member for groups, so choosing one picks the other, and dropping the role drops its choices.
 */
export const withRole = (a: Authority, role: Role, on: boolean): Authority => ({
  roles: toggle(a.roles, role, on),
  departments: role === 'official' && !on ? [] : a.departments,
  kehraGroups: role === 'kehra' && !on ? [] : a.kehraGroups,
});
export function withDepartment(a: Authority, slug: string, on: boolean): Authority {
  const departments = toggle(a.departments, slug, on);
  return { ...a, departments, roles: toggle(a.roles, 'official', departments.length > 0) };
}
export function withGroup(a: Authority, id: number, on: boolean): Authority {
  const kehraGroups = toggle(a.kehraGroups, id, on);
  return { ...a, kehraGroups, roles: toggle(a.roles, 'kehra', kehraGroups.length > 0) };
}

/** The server's rule (official ⇔ a department, kehra ⇔ a group), as translation keys per group. */
export function authorityProblems(a: Authority): { departments?: string; kehraGroups?: string } {
  const out: { departments?: string; kehraGroups?: string } = {};
  if (a.roles.includes('official') !== a.departments.length > 0) out.departments = 'admin.editor.needDepartment';
  if (a.roles.includes('kehra') !== a.kehraGroups.length > 0) out.kehraGroups = 'admin.editor.needGroup';
  return out;
}
