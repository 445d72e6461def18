import type { Knex } from 'knex';
import { listDepartments, listThemes } from '../activities/activities.repository.js';
import type { Department, Theme } from '../contracts/activities.js';
import type { FeedLang } from '../contracts/feeds.js';

/** Names of themes and departments by slug, in the feed's language (Finnish where none). */
export interface ReferenceNames {
  theme(slug: string): string;
  department(slug: string): string;
}

const nameIn = (lang: FeedLang) => (r: Theme | Department) =>
  (lang === 'sv' ? r.nameSv : lang === 'en' ? r.nameEn : null) ?? r.nameFi;

export async function referenceNames(knex: Knex, lang: FeedLang): Promise<ReferenceNames> {
  const [themes, departments] = await Promise.all([listThemes(knex), listDepartments(knex)]);
  const t = new Map(themes.map((x) => [x.slug, nameIn(lang)(x)]));
  const d = new Map(departments.map((x) => [x.slug, nameIn(lang)(x)]));
  return { theme: (s) => t.get(s) ?? s, department: (s) => d.get(s) ?? s };
}

/** Shared by the entries of every feed: what a feed entry says of a row, in the feed's language. */
export interface EntryContext {
  lang: FeedLang;
  origin: string;
  names: ReferenceNames;
}
