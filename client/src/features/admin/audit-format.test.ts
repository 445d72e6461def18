import { describe, expect, it } from 'vitest';
import { auditLines, changedKeys } from './audit-format';

describe('audit formatting', () => {
  const before = { roles: ['resident'], departments: [], kehraGroups: [] };
  const after = { roles: ['resident', 'official'], departments: ['kymp'], kehraGroups: [] };

  it('writes objects as key: value lines', () => {
    expect(auditLines(after)).toEqual([
      { key: 'roles', text: 'resident, official' },
      { key: 'departments', text: 'kymp' },
      { key: 'kehraGroups', text: '–' },
    ]);
    expect(auditLines(after, (k, item) => (k === 'roles' ? item.toUpperCase() : item))[0]).toEqual({
      key: 'roles',
      text: 'RESIDENT, OFFICIAL',
    });
    expect(auditLines(null)).toEqual([]);
    expect(auditLines('x')).toEqual([{ key: null, text: 'x' }]);
    expect(auditLines({ lockedUntil: null, n: { a: 1 } })).toEqual([
      { key: 'lockedUntil', text: '–' },
      { key: 'n', text: '{"a":1}' },
    ]);
  });

  it('finds what changed', () => {
    expect([...changedKeys(before, after)].sort()).toEqual(['departments', 'roles']);
    expect([...changedKeys(null, { email: 'a@b.c' })]).toEqual(['email']);
  });
});
