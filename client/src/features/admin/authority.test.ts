import { describe, expect, it } from 'vitest';
import { authorityProblems, toggle } from './authority';

describe('authority', () => {
  it('toggles without repeating', () => {
    expect(toggle(['a', 'b'], 'b', true)).toEqual(['a', 'b']);
    expect(toggle(['a', 'b'], 'a', false)).toEqual(['b']);
    expect(toggle([1], 2, true)).toEqual([1, 2]);
  });

  it('requires a department for officials and a group for Kehrä members, as the server does', () => {
    expect(authorityProblems({ roles: ['resident', 'official'], departments: [], kehraGroups: [] })).toEqual({
      departments: 'admin.editor.needDepartment',
    });
    expect(authorityProblems({ roles: ['resident'], departments: [], kehraGroups: [3] })).toEqual({
      kehraGroups: 'admin.editor.needGroup',
    });
    expect(authorityProblems({ roles: ['official', 'kehra'], departments: ['kymp'], kehraGroups: [3] })).toEqual({});
  });
});
