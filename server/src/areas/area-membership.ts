import type { Knex } from 'knex';

/**
 * District membership: which areas each item with a geometry belongs to. The rule lives in the
 * database, once (migration 20261202100000_area_membership: area_membership_rule_sql), and is
 * kept current by statement-level triggers on each item table and by the areas importer
 * (refreshAreaMemberships) after districts are re-imported. This registry is the one list of the
 * tables it covers: a new dataset adds its entry here and a migration calling installAreaMembership.
 */
export interface AreaMembership {
  /** The dataset's name in the import summary. */
  dataset: string;
  /** The item table; it has `id` and `geom` columns. */
  table: string;
  /** Link table (item column, area_id): derived data, never written by application code. */
  linkTable: string;
  itemColumn: string;
  /** An item placed by picking a district keeps exactly that district, its ancestors and the districts inside it. */
  pickedColumn: string | null;
}

export const AREA_MEMBERSHIPS = [
  { dataset: 'activities', table: 'activities', linkTable: 'activity_areas', itemColumn: 'activity_id', pickedColumn: null },
  { dataset: 'ideas', table: 'ideas', linkTable: 'idea_areas', itemColumn: 'idea_id', pickedColumn: 'picked_area_id' },
  {
    dataset: 'kehraDevAreas',
    table: 'kehra_dev_areas',
    linkTable: 'kehra_dev_area_areas',
    itemColumn: 'dev_area_id',
    pickedColumn: null,
  },
  // A table's area_id is the district picked for it (its geometry is then a copy of that district's shape).
  {
    dataset: 'partnershipTables',
    table: 'partnership_tables',
    linkTable: 'partnership_table_areas',
    itemColumn: 'partnership_table_id',
    pickedColumn: 'area_id',
  },
  // A budgeting plan's place is the hull of its source ideas; its district decides a district round's pot.
  {
    dataset: 'budgetingPlans',
    table: 'budgeting_plans',
    linkTable: 'budgeting_plan_areas',
    itemColumn: 'plan_id',
    pickedColumn: null,
  },
  // A shared city space is a point: the districts it lies in.
  { dataset: 'spaces', table: 'spaces', linkTable: 'space_areas', itemColumn: 'space_id', pickedColumn: null },
] as const satisfies readonly AreaMembership[];

export type AreaMembershipDataset = (typeof AREA_MEMBERSHIPS)[number]['dataset'];

export const areaMembershipOf = (table: string): AreaMembership => {
  const m = AREA_MEMBERSHIPS.find((x) => x.table === table);
  if (!m) throw new Error(`${table} is not registered in AREA_MEMBERSHIPS`);
  return m;
};

// Identifiers below come from the registry above (fixed strings), never from input.
const insertTrigger = (m: AreaMembership) => `${m.table}_area_membership_ins`;
const updateTrigger = (m: AreaMembership) => `${m.table}_area_membership_upd`;
const triggerArgs = (m: AreaMembership) => `'${m.linkTable}', '${m.itemColumn}', '${m.pickedColumn ?? ''}'`;

/**
 * Creates the link table (unless it exists), the triggers that keep it current and links every
 * existing row. Needs the functions of migration 20261202100000_area_membership.
 */
export async function installAreaMembership(knex: Knex, m: AreaMembership): Promise<void> {
  await knex.raw(`
    CREATE TABLE IF NOT EXISTS ${m.linkTable} (
      ${m.itemColumn} integer NOT NULL REFERENCES ${m.table}(id) ON DELETE CASCADE,
      area_id integer NOT NULL REFERENCES areas(id) ON DELETE CASCADE,
      PRIMARY KEY (${m.itemColumn}, area_id)
    )`);
  await knex.raw(`CREATE INDEX IF NOT EXISTS ${m.linkTable}_area_idx ON ${m.linkTable} (area_id, ${m.itemColumn})`);
  // Statement level with transition tables: a bulk insert links in one join, not a query per row.
  // Two triggers: PostgreSQL allows transition tables only on single-event triggers without a
  // column list, so the update trigger compares old and new rows itself.
  await knex.raw(`
    CREATE TRIGGER ${insertTrigger(m)} AFTER INSERT ON ${m.table}
      REFERENCING NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION area_membership_sync(${triggerArgs(m)})`);
  await knex.raw(`
    CREATE TRIGGER ${updateTrigger(m)} AFTER UPDATE ON ${m.table}
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION area_membership_sync(${triggerArgs(m)})`);
  await refreshAreaMembership(knex, m);
}

export async function uninstallAreaMembership(knex: Knex, m: AreaMembership): Promise<void> {
  await knex.raw(`DROP TRIGGER IF EXISTS ${insertTrigger(m)} ON ${m.table}`);
  await knex.raw(`DROP TRIGGER IF EXISTS ${updateTrigger(m)} ON ${m.table}`);
}

/** Recomputes one table's links by the rule; returns how many items changed district. */
export async function refreshAreaMembership(knex: Knex, m: AreaMembership): Promise<number> {
  const { rows } = await knex.raw('SELECT area_membership_refresh(?, ?, ?, ?) AS changed', [
    m.table,
    m.linkTable,
    m.itemColumn,
    m.pickedColumn ?? '',
  ]);
  return rows[0].changed as number;
}

/** After the districts changed: every registered table recomputed, items that changed district by dataset. */
export async function refreshAreaMemberships(knex: Knex): Promise<Record<AreaMembershipDataset, number>> {
  const changed = {} as Record<AreaMembershipDataset, number>;
  for (const m of AREA_MEMBERSHIPS) changed[m.dataset] = await refreshAreaMembership(knex, m);
  return changed;
}
