import type { Knex } from 'knex';

/**
 * SET clauses of a PATCH, one per column: a field left out (undefined) keeps the column, null
 * empties it, a value replaces it. `cast` types the parameter where PostgreSQL cannot infer it.
 */
export function patchSet(columns: [column: string, value: unknown, cast?: string][]): {
  sql: string;
  bindings: Knex.RawBinding[];
} {
  const sql = columns.map(
    ([column, , cast]) => `${column} = CASE WHEN ?::boolean THEN ?${cast ? `::${cast}` : ''} ELSE ${column} END`,
  );
  const bindings = columns.flatMap(([, value]) => [value !== undefined, (value ?? null) as Knex.RawBinding]);
  return { sql: sql.join(', '), bindings };
}
