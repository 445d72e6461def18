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

/** The server's rule (official ⇔ a department, kehra ⇔ a group), as translation keys per group. */
export function authorityProblems(a: Authority): { departments?: string; kehraGroups?: string } {
  const out: { departments?: string; kehraGroups?: string } = {};
  if (a.roles.includes('official') !== a.departments.length > 0) out.departments = 'admin.editor.needDepartment';
  if (a.roles.includes('kehra') !== a.kehraGroups.length > 0) out.kehraGroups = 'admin.editor.needGroup';
  return out;
}
