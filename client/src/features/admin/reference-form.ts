import type { QueryClient } from '@tanstack/react-query';
import { COLOR, REFERENCE_SLUG, REFERENCE_SLUG_MAX, type AdminDepartment, type AdminTheme } from '@contracts/reference-data';
import { activityKeys } from '@/layers/activities/query';
import { themesQuery } from '@/layers/ideas/query';
import type { ReferenceKind } from './admin-queries';

export type Reference = AdminDepartment | AdminTheme;

/** The form's text fields as typed; `color` only matters for a department. */
export interface ReferenceValues {
  slug: string;
  nameFi: string;
  nameSv: string;
  nameEn: string;
  color: string;
  sortOrder: string;
}
export type ReferenceField = keyof ReferenceValues;

export const initialValues = (item: Reference | undefined): ReferenceValues => ({
  slug: item?.slug ?? '',
  nameFi: item?.nameFi ?? '',
  nameSv: item?.nameSv ?? '',
  nameEn: item?.nameEn ?? '',
  color: item && 'color' in item ? item.color : '#0072C6',
  sortOrder: item ? String(item.sortOrder) : '',
});

/**
 * The same checks as the server's contract (contracts/reference-data.ts), for an answer before the
 * round trip; values are i18n keys under admin.referenceData.errors.
 */
export function referenceProblems(
  kind: ReferenceKind,
  v: ReferenceValues,
  creating: boolean,
): Partial<Record<ReferenceField, string>> {
  const out: Partial<Record<ReferenceField, string>> = {};
  const slug = v.slug.trim();
  if (creating && (!slug || slug.length > REFERENCE_SLUG_MAX || !REFERENCE_SLUG.test(slug))) out.slug = 'slug';
  if (!v.nameFi.trim()) out.nameFi = 'nameFi';
  if (kind === 'department' && !COLOR.test(v.color.trim())) out.color = 'color';
  if (v.sortOrder.trim() && !/^\d{1,6}$/.test(v.sortOrder.trim())) out.sortOrder = 'sortOrder';
  return out;
}

/** A create sends what is filled in; an edit sends every field, an emptied name as null (removed). */
export function referenceBody(kind: ReferenceKind, v: ReferenceValues, creating: boolean) {
  const optional = (s: string) => (s.trim() ? s.trim() : creating ? undefined : null);
  const sortOrder = v.sortOrder.trim() ? Number(v.sortOrder.trim()) : undefined;
  return {
    ...(creating ? { slug: v.slug.trim() } : {}),
    nameFi: v.nameFi.trim(),
    nameSv: optional(v.nameSv),
    nameEn: optional(v.nameEn),
    ...(kind === 'department' ? { color: v.color.trim() } : {}),
    sortOrder,
  };
}

/** Counts of what uses a row, the non-zero ones only. */
export const usesOf = (item: Reference): [string, number][] => Object.entries(item.uses).filter(([, n]) => n > 0);

/**
 * After a change, everything that shows departments or themes reads them again: the admin list,
 * the role editor, the audit log, the map's legend and layer panel (and the features, which carry
 * their department's colour), and every theme filter and picker.
 */
export async function referenceDataChanged(queryClient: QueryClient): Promise<void> {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: ['admin'] }),
    queryClient.invalidateQueries({ queryKey: activityKeys.all }),
    queryClient.invalidateQueries({ queryKey: themesQuery().queryKey }),
  ]);
}
