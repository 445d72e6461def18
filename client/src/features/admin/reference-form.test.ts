import { describe, expect, it } from 'vitest';
import { DepartmentBody, DepartmentPatchBody } from '@contracts/reference-data';
import { initialValues, referenceBody, referenceProblems, type ReferenceValues } from './reference-form';

const filled: ReferenceValues = {
  slug: 'satama',
  nameFi: 'Satama',
  nameSv: '',
  nameEn: ' Harbour ',
  color: '#00aa88',
  sortOrder: '',
};

describe('the department and theme form', () => {
  it('finds what the server would refuse, before sending', () => {
    expect(referenceProblems('department', filled, true)).toEqual({});
    expect(
      referenceProblems('department', { ...filled, slug: 'Iso Satama', nameFi: ' ', color: '#00aa8', sortOrder: '1.5' }, true),
    ).toEqual({
      slug: 'slug',
      nameFi: 'nameFi',
      color: 'color',
      sortOrder: 'sortOrder',
    });
    // A theme has no colour; an edit keeps its slug, so the slug is not checked.
    expect(referenceProblems('theme', { ...filled, color: 'red' }, true)).toEqual({});
    expect(referenceProblems('theme', { ...filled, slug: '' }, false)).toEqual({});
  });

  it('sends a new row without its empty names, and an edit with them emptied (null)', () => {
    const created = referenceBody('department', filled, true);
    expect(created).toEqual({
      slug: 'satama',
      nameFi: 'Satama',
      nameSv: undefined,
      nameEn: 'Harbour',
      color: '#00aa88',
      sortOrder: undefined,
    });
    expect(DepartmentBody.safeParse(created).success).toBe(true);
    const edited = referenceBody('department', { ...filled, sortOrder: '5' }, false);
    expect(edited).toEqual({ nameFi: 'Satama', nameSv: null, nameEn: 'Harbour', color: '#00aa88', sortOrder: 5 });
    expect(DepartmentPatchBody.safeParse(edited).success).toBe(true);
    expect(referenceBody('theme', filled, true)).not.toHaveProperty('color');
  });

  it('starts an edit from the row as it is', () => {
    const row = {
      id: 1,
      slug: 'kymp',
      nameFi: 'KYMP',
      nameSv: null,
      nameEn: 'UE',
      color: '#00D7A7',
      sortOrder: 20,
      uses: { activities: 0, ideas: 0, officials: 0 },
    };
    expect(initialValues(row)).toEqual({
      slug: 'kymp',
      nameFi: 'KYMP',
      nameSv: '',
      nameEn: 'UE',
      color: '#00D7A7',
      sortOrder: '20',
    });
  });
});
