import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AREA_LEVELS, type AreaLevel } from '../contracts/areas.js';
import { setLogLevel } from '../log.js';
import { SHARED_HELSINKI_DIR, expectedCounts, sharedAreasExist, EXPECTED_COUNTS } from '../test-support/test-areas.js';
import { createTestDatabase, withRollback, type TestDatabase } from '../test-support/test-db.js';
import { titleCaseName } from './area-names.js';
import { areasCoveringPoint, countAreasByLevel, latestAreaImport } from './areas.repository.js';
import { OFFLINE_FIXTURE_DIR, ensureAreas, importAreasFrom, locatePoint } from './areas.service.js';

const CATHEDRAL = { lon: 24.9522, lat: 60.1704 };

let db: TestDatabase;
let tmp: string;
beforeAll(async () => {
  setLogLevel('silent'); // ensureAreas narrates its fallback; the assertions say what matters
  db = await createTestDatabase();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kk-areas-db-test-'));
});
afterAll(async () => {
  await db?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

interface Row {
  id: number;
  level: AreaLevel;
  code: string;
  name_fi: string;
  name_sv: string | null;
  parent_id: number | null;
  parent_level: AreaLevel | null;
}
const allAreas = async (knex: Knex): Promise<Row[]> =>
  knex('areas as a')
    .leftJoin('areas as p', 'p.id', 'a.parent_id')
    .select('a.id', 'a.level', 'a.code', 'a.name_fi', 'a.name_sv', 'a.parent_id', 'p.level as parent_level')
    .orderBy(['a.level', 'a.code']);

/** Every osa-alue under a peruspiiri and every peruspiiri under a suurpiiri. */
function expectCompleteHierarchy(rows: Row[]): void {
  const orphans = rows.filter(
    (r) =>
      (r.level === 'osa_alue' && r.parent_level !== 'peruspiiri') ||
      (r.level === 'peruspiiri' && r.parent_level !== 'suurpiiri') ||
      (r.level === 'suurpiiri' && r.parent_id !== null),
  );
  expect(orphans.map((r) => `${r.level} ${r.code} ${r.name_fi}`)).toEqual([]);
}

function writeCollection(name: string, features: object[]): string {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, JSON.stringify({ type: 'FeatureCollection', features }));
  return file;
}

const rect = (x0: number, y0: number, x1: number, y1: number) => ({
  type: 'Polygon',
  coordinates: [
    [
      [x0, y0],
      [x1, y0],
      [x1, y1],
      [x0, y1],
      [x0, y0],
    ],
  ],
});
const feature = (aluejako: string, tunnus: string, kokotunnus: string, nimi: string, geometry: unknown) => ({
  type: 'Feature',
  properties: { aluejako, tunnus, kokotunnus, nimi_fi: nimi, nimi_se: null },
  geometry,
});

describe('the run template', () => {
  it('holds the districts with a complete parent hierarchy', async () => {
    expect(await countAreasByLevel(db.knex)).toEqual(expectedCounts(db.areasAreReal));
    expectCompleteHierarchy(await allAreas(db.knex));
  });
});

describe('the locate query', () => {
  it('finds areas through the GiST index, not a scan of every polygon', async () => {
    // Capture the repository's own SQL so this checks the query the API runs, not a copy of it.
    const seen: { sql: string; bindings: unknown[] }[] = [];
    const listen = (q: { sql: string; bindings: unknown[] }) => seen.push(q);
    db.knex.on('query', listen);
    await areasCoveringPoint(db.knex, CATHEDRAL.lon, CATHEDRAL.lat);
    db.knex.off('query', listen);
    expect(seen).toHaveLength(1);
    await db.knex.raw('ANALYZE areas');
    // knex reports the SQL with $n placeholders; raw() wants ?s, in order of appearance.
    const { sql, bindings } = seen[0];
    const ordered: unknown[] = [];
    const asRaw = sql.replace(/\$(\d+)/g, (_m, n: string) => (ordered.push(bindings[Number(n) - 1]), '?'));
    const { rows } = await db.knex.raw(`EXPLAIN (FORMAT JSON) ${asRaw}`, ordered as Knex.RawBinding[]);
    const plan = JSON.stringify(rows[0]['QUERY PLAN']);
    expect(plan).toContain('"Index Name":"areas_geom_idx"');
    expect(plan).not.toContain('"Node Type":"Seq Scan"');
  });
});

describe('importing the offline fixture', () => {
  it('loads 2 suurpiiri, 5 peruspiiri and 4 osa-alue with parents, in title case', async () => {
    await withRollback(db, async (trx) => {
      const summary = await importAreasFrom(trx, OFFLINE_FIXTURE_DIR, { isFixture: true });
      const fixture = EXPECTED_COUNTS.fixture;
      for (const level of AREA_LEVELS) expect(summary.levels[level]?.imported).toBe(fixture[level]);
      expect(summary.rejected).toEqual([]);
      expect(summary.landPolygons).toBeGreaterThan(0);
      // A complete import replaces: whatever the template held is gone.
      expect(await countAreasByLevel(trx)).toEqual(fixture);
      const rows = await allAreas(trx);
      expectCompleteHierarchy(rows);
      expect(rows.find((r) => r.level === 'suurpiiri' && r.code === '1')).toMatchObject({
        name_fi: 'Eteläinen',
        name_sv: 'Södra',
      });
      expect((await latestAreaImport(trx))?.isFixture).toBe(true);

      const found = await locatePoint(trx, CATHEDRAL.lon, CATHEDRAL.lat);
      expect(found.areas.osa_alue?.nameFi).toBe('Kruununhaka');
      expect(found.areas.peruspiiri?.nameFi).toBe('Vironniemi');
      expect(found.areas.suurpiiri?.nameFi).toBe('Eteläinen');
    });
  });
});

describe.skipIf(!sharedAreasExist())('importing the real Helsinki division (../shared/data/helsinki)', () => {
  it('loads 8 suurpiiri, 34 peruspiiri and 148 osa-alue, every one with its parent', async () => {
    await withRollback(db, async (trx) => {
      const summary = await importAreasFrom(trx, SHARED_HELSINKI_DIR);
      expect(summary.levels).toMatchObject({
        suurpiiri: { imported: 8 },
        peruspiiri: { imported: 34 },
        osa_alue: { imported: 148 },
      });
      expect(summary.rejected).toEqual([]);
      expect(await countAreasByLevel(trx)).toEqual(EXPECTED_COUNTS.real);
      const rows = await allAreas(trx);
      expectCompleteHierarchy(rows);
      // The WFS spells suurpiiri and peruspiiri in capitals; people read title case.
      const shouting = rows.filter((r) => r.name_fi.length > 1 && r.name_fi === r.name_fi.toLocaleUpperCase('fi'));
      expect(shouting.map((r) => r.name_fi)).toEqual([]);
      expect(rows.every((r) => r.name_fi === titleCaseName(r.name_fi))).toBe(true);
      expect(
        rows
          .filter((r) => r.level === 'suurpiiri')
          .map((r) => r.name_fi)
          .sort(),
      ).toEqual(['Eteläinen', 'Itäinen', 'Kaakkoinen', 'Keskinen', 'Koillinen', 'Läntinen', 'Pohjoinen', 'Östersundom']);
      const found = await locatePoint(trx, CATHEDRAL.lon, CATHEDRAL.lat);
      expect([found.areas.osa_alue?.nameFi, found.areas.peruspiiri?.nameFi, found.areas.suurpiiri?.nameFi]).toEqual([
        'Kruununhaka',
        'Vironniemi',
        'Eteläinen',
      ]);
    });
  });
});

describe('re-importing', () => {
  it('is idempotent: same counts, same ids, nothing removed', async () => {
    await withRollback(db, async (trx) => {
      const { source } = await latestAreaImport(trx).then((l) => ({ source: l!.source }));
      const before = await allAreas(trx);
      const summary = await importAreasFrom(trx, source, { isFixture: !db.areasAreReal });
      for (const level of AREA_LEVELS) expect(summary.levels[level]?.removed).toBe(0);
      const after = await allAreas(trx);
      expect(after).toEqual(before);
      expect(await countAreasByLevel(trx)).toEqual(expectedCounts(db.areasAreReal));
    });
  });
});

describe('geometry problems', () => {
  const suurpiiri = feature('SUURPIIRI', '1', '0911000000', 'ETELÄINEN', rect(24.9, 60.14, 25.0, 60.2));
  const osaAlue = feature('OSA-ALUE', '010', '0911101010', 'Kruununhaka', rect(24.95, 60.165, 24.965, 60.175));
  // Self-intersecting ring (a bow tie): invalid, but ST_MakeValid splits it into two triangles.
  const bowTie = feature('PERUSPIIRI', '101', '0911101000', 'VIRONNIEMI', {
    type: 'Polygon',
    coordinates: [
      [
        [24.94, 60.16],
        [24.97, 60.18],
        [24.97, 60.16],
        [24.94, 60.18],
        [24.94, 60.16],
      ],
    ],
  });
  // All corners on one line: no area, so nothing polygonal is left after repair.
  const flat = feature('PERUSPIIRI', '102', '0911102000', 'ULLANLINNA', {
    type: 'Polygon',
    coordinates: [
      [
        [24.93, 60.155],
        [24.94, 60.155],
        [24.95, 60.155],
        [24.93, 60.155],
      ],
    ],
  });

  it('repairs a self-intersecting polygon', async () => {
    const file = writeCollection('bow-tie.geojson', [suurpiiri, bowTie, osaAlue]);
    await withRollback(db, async (trx) => {
      const summary = await importAreasFrom(trx, file);
      expect(summary.levels.peruspiiri).toMatchObject({ imported: 1, repaired: 1 });
      expect(summary.rejected).toEqual([]);
      const { rows } = await trx.raw(
        `SELECT ST_IsValid(geom) AS valid, ST_NumGeometries(geom) AS parts, GeometryType(geom) AS type,
                ST_Area(geom) > 0 AS has_area
           FROM areas WHERE level = 'peruspiiri' AND code = '101'`,
      );
      expect(rows[0]).toEqual({ valid: true, parts: 2, type: 'MULTIPOLYGON', has_area: true });
      // The repaired district still locates points and keeps its children.
      const found = await locatePoint(trx, 24.966, 60.17);
      expect(found.areas.peruspiiri?.nameFi).toBe('Vironniemi');
      expectCompleteHierarchy(await allAreas(trx));
    });
  });

  it('reports a polygon that cannot be repaired and still imports the rest', async () => {
    const file = writeCollection('flat.geojson', [suurpiiri, bowTie, flat, osaAlue]);
    await withRollback(db, async (trx) => {
      const summary = await importAreasFrom(trx, file);
      expect(summary.rejected).toHaveLength(1);
      expect(summary.rejected[0].where).toContain('102');
      expect(summary.rejected[0].reason).toMatch(/no polygon left/);
      expect(summary.levels).toMatchObject({
        suurpiiri: { imported: 1 },
        peruspiiri: { imported: 1, repaired: 1 },
        osa_alue: { imported: 1 },
      });
      const codes = (await allAreas(trx)).map((r) => `${r.level}:${r.code}`).sort();
      expect(codes).toEqual(['osa_alue:010', 'peruspiiri:101', 'suurpiiri:1']);
    });
  });

  it('reports a feature whose geometry PostGIS cannot read and still imports the rest', async () => {
    const broken = feature('PERUSPIIRI', '103', '0911103000', 'KAMPINMALMI', { type: 'Polygon', coordinates: [[[24.9]]] });
    const file = writeCollection('unreadable.geojson', [suurpiiri, bowTie, broken, osaAlue]);
    await withRollback(db, async (trx) => {
      const summary = await importAreasFrom(trx, file);
      expect(summary.rejected.map((r) => r.where)).toEqual([expect.stringContaining('103')]);
      expect(summary.levels.peruspiiri?.imported).toBe(1);
      expect(summary.levels.osa_alue?.imported).toBe(1);
    });
  });

  it('reports features that are not Helsinki districts without failing the import', async () => {
    const noCode = {
      type: 'Feature',
      properties: { aluejako: 'PERUSPIIRI', nimi_fi: 'X' },
      geometry: rect(24.9, 60.1, 24.91, 60.11),
    };
    const espoo = feature('PERUSPIIRI', '201', '0491201000', 'ESPOO', rect(24.7, 60.2, 24.71, 60.21));
    const file = writeCollection('foreign.geojson', [suurpiiri, noCode, espoo]);
    await withRollback(db, async (trx) => {
      const summary = await importAreasFrom(trx, file);
      expect(summary.rejected).toHaveLength(2);
      expect(summary.levels.suurpiiri?.imported).toBe(1);
    });
  });
});

describe('ensureAreas on an empty database', () => {
  it('falls back to the offline fixture when the source cannot be reached, and records it', async () => {
    await withRollback(db, async (trx) => {
      await trx('areas').delete();
      await trx('data_imports').delete();
      await ensureAreas(trx, 'http://127.0.0.1:9/wfs');
      expect(await countAreasByLevel(trx)).toEqual(EXPECTED_COUNTS.fixture);
      expect(await latestAreaImport(trx)).toMatchObject({ isFixture: true, source: OFFLINE_FIXTURE_DIR });
    });
  });

  it('leaves a database that already has districts alone', async () => {
    await withRollback(db, async (trx) => {
      const before = await latestAreaImport(trx);
      await ensureAreas(trx, 'http://127.0.0.1:9/wfs');
      expect(await latestAreaImport(trx)).toEqual(before);
      expect(await countAreasByLevel(trx)).toEqual(expectedCounts(db.areasAreReal));
    });
  });
});
