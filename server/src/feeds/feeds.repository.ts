import type { Knex } from 'knex';
import type { FeedLang } from '../contracts/feeds.js';

/** The districts' names in the feed's language (Swedish where the district has one; English readers get Finnish). */
export async function areaNames(knex: Knex, ids: number[], lang: FeedLang): Promise<string[]> {
  if (!ids.length) return [];
  const { rows } = await knex.raw(
    `SELECT CASE WHEN ? = 'sv' THEN coalesce(name_sv, name_fi) ELSE name_fi END AS name
       FROM areas WHERE id = ANY(?::int[]) ORDER BY name_fi, id`,
    [lang, ids],
  );
  return (rows as { name: string }[]).map((r) => r.name);
}
