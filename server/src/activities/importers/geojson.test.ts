import { describe, expect, it } from 'vitest';
import { OFFICIAL_SOURCE } from '../../contracts/activities.js';
import { GeoJsonMapping } from './geojson.js';

describe('GeoJSON import mapping', () => {
  const mapping = { source: 'kymp-katutyot', department: 'kymp', kind: 'construction', titleField: 'nimi' };

  it('accepts a department source name', () => {
    expect(GeoJsonMapping.safeParse(mapping).success).toBe(true);
  });

  it('refuses the source of activities entered in the app, so an import never overwrites or removes them', () => {
    const r = GeoJsonMapping.safeParse({ ...mapping, source: OFFICIAL_SOURCE });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]).toMatchObject({
      path: ['source'],
      message: expect.stringMatching(/kept for activities entered in the app/),
    });
  });
});
