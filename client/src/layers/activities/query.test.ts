import { hashKey, skipToken } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import type { GeoJsonGeometry } from '@contracts/common';
import { activityKeys, drawnAreaOverlapsQuery, type DrawnAreaOverlapsBody } from './query';

const square: GeoJsonGeometry = {
  type: 'Polygon',
  coordinates: [
    [
      [24.915, 60.225],
      [24.935, 60.225],
      [24.935, 60.238],
      [24.915, 60.238],
      [24.915, 60.225],
    ],
  ],
};
const body: DrawnAreaOverlapsBody = { geometry: square, from: '2026-12-01', to: '2027-01-31T23:59:59Z', distance: 100 };
const keyOf = (b: DrawnAreaOverlapsBody | null) => hashKey(drawnAreaOverlapsQuery(b).queryKey);

describe('drawnAreaOverlapsQuery', () => {
  it('keys on every input of the request: shape, time span and distance', () => {
    expect(keyOf({ ...body })).toBe(keyOf(body));
    const moved: GeoJsonGeometry = {
      type: 'Polygon',
      coordinates: [
        [
          [24.915, 60.225],
          [24.935, 60.225],
          [24.935, 60.24],
          [24.915, 60.225],
        ],
      ],
    };
    const variants: DrawnAreaOverlapsBody[] = [
      { ...body, geometry: moved },
      { ...body, from: undefined },
      { ...body, to: '2027-02-28T23:59:59Z' },
      { ...body, distance: 0 },
    ];
    const keys = new Set([body, ...variants].map(keyOf));
    expect(keys.size).toBe(variants.length + 1);
  });

  it('sits under the activities key, so edits of activities refresh it', () => {
    const key = drawnAreaOverlapsQuery(body).queryKey;
    expect(key.slice(0, activityKeys.all.length)).toEqual([...activityKeys.all]);
  });

  it('asks nothing until the drawing is a polygon', () => {
    expect(drawnAreaOverlapsQuery(null).queryFn).toBe(skipToken);
    expect(drawnAreaOverlapsQuery(body).queryFn).toBeTypeOf('function');
  });
});
