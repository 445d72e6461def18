import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import { describe, expect, it, vi } from 'vitest';
import { buildOfflineStyle, resolveBaseStyle } from './base-style';

const land = {
  type: 'FeatureCollection' as const,
  features: [
    {
      type: 'Feature' as const,
      id: 1,
      properties: {},
      geometry: {
        type: 'Polygon' as const,
        coordinates: [
          [
            [24.9, 60.1],
            [25, 60.1],
            [25, 60.2],
            [24.9, 60.1],
          ],
        ],
      },
    },
  ],
};

const response = (body: unknown, init?: ResponseInit) => new Response(JSON.stringify(body), init);
const onlineStyle = { version: 8, sources: {}, layers: [{ id: 'bg', type: 'background' }] };

describe('offline base style', () => {
  it('is a valid MapLibre style', () => {
    expect(validateStyleMin(buildOfflineStyle(land))).toEqual([]);
    expect(validateStyleMin(buildOfflineStyle(null))).toEqual([]);
  });

  it('needs no glyphs or sprites: no symbol layers, no glyphs/sprite URL', () => {
    const style = buildOfflineStyle(land);
    expect(style.glyphs).toBeUndefined();
    expect(style.sprite).toBeUndefined();
    expect(style.layers.filter((l) => l.type === 'symbol')).toEqual([]);
  });

  it('paints sea as background and land over it', () => {
    const style = buildOfflineStyle(land, { sea: '#000001', land: '#000002', shore: '#000003' });
    expect(style.layers[0]).toMatchObject({ type: 'background', paint: { 'background-color': '#000001' } });
    expect(style.layers.find((l) => l.type === 'fill')).toMatchObject({ paint: { 'fill-color': '#000002' } });
  });
});

describe('resolveBaseStyle', () => {
  const loadLand = vi.fn(async () => land);
  const quiet = () => vi.spyOn(console, 'warn').mockImplementation(() => {});

  it('uses the online style when it loads', async () => {
    const fetchImpl = vi.fn(async () => response(onlineStyle));
    const s = await resolveBaseStyle({ styleUrl: 'https://x/style.json', loadLand, fetchImpl });
    expect(s.kind).toBe('online');
    expect(s.style).toEqual(onlineStyle);
  });

  it.each([
    ['a network error', async () => Promise.reject(new TypeError('Failed to fetch'))],
    ['a non-2xx answer', async () => response({ error: 'nope' }, { status: 503 })],
    ['invalid JSON', async () => new Response('<html>not json')],
    ['JSON that is not a style', async () => response({ hello: 'world' })],
  ])('falls back to the offline style on %s', async (_name, impl) => {
    quiet();
    const s = await resolveBaseStyle({ styleUrl: 'https://x/style.json', loadLand, fetchImpl: vi.fn<typeof fetch>(impl) });
    expect(s.kind).toBe('offline');
    expect(s.style.sources['basemap-land']).toMatchObject({ type: 'geojson', data: land });
  });

  it('falls back when the style server is too slow', async () => {
    quiet();
    const fetchImpl = vi.fn<typeof fetch>(
      (_url, init) =>
        new Promise<Response>((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason))),
    );
    const s = await resolveBaseStyle({
      styleUrl: 'https://x/style.json',
      loadLand,
      fetchImpl,
      timeoutMs: 30,
    });
    expect(s.kind).toBe('offline');
  });

  it('still returns a style (sea only) when land cannot be loaded either', async () => {
    quiet();
    const s = await resolveBaseStyle({
      styleUrl: 'https://x/style.json',
      loadLand: async () => Promise.reject(new Error('down')),
      fetchImpl: vi.fn<typeof fetch>(async () => Promise.reject(new Error('down'))),
    });
    expect(s.kind).toBe('offline');
    expect(validateStyleMin(s.style)).toEqual([]);
  });
});
