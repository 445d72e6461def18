/** The app served in the bench's own process, and the map geometry of the views it asks for. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../server/src/app.js';
import type { Database } from '../../server/src/db/connection.js';

/** Nothing listens here: the client falls back to its offline base map at once (as the e2e tests do). */
const UNREACHABLE_STYLE_URL = 'http://127.0.0.1:9/style.json';

export interface BenchServer {
  base: string;
  close(): Promise<void>;
}

export async function serve(db: Database, clientDist?: string): Promise<BenchServer> {
  const app = createApp({ db, mapStyleUrl: UNREACHABLE_STYLE_URL, clientDist });
  const server = http.createServer(app);
  // Longer than any pause of the bench's kept-alive sockets: a socket the server closed while the
  // bench reused it would be a reset (Node's default is 5 s; a loaded PGlite takes longer).
  server.keepAliveTimeout = 600_000;
  server.headersTimeout = 610_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Kept-alive connections, as a browser keeps them; node:http costs the bench's side less than fetch. */
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

/**
 * GET asking for gzip, as a browser does: the bytes on the wire (node:http does not decompress,
 * unlike fetch). Throws on anything but 200.
 */
export function get(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent, headers: { 'accept-encoding': 'gzip' } }, (res) => {
        let n = 0;
        res.on('data', (c: Buffer) => (n += c.length));
        res.on('end', () => (res.statusCode === 200 ? resolve(n) : reject(new Error(`${url}: ${res.statusCode}`))));
        res.on('error', reject);
      })
      .on('error', reject);
  });
}
export const gzipBytes = get;

export type Bbox = [number, number, number, number];

/** Web Mercator y of a latitude, 0 at the top of the world and 1 at the bottom. */
const mercY = (lat: number) => (1 - Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360)) / Math.PI) / 2;
const latOf = (y: number) => (Math.atan(Math.sinh(Math.PI * (1 - 2 * y))) * 180) / Math.PI;
/** MapLibre's world is 512 px wide at zoom 0. */
const TILE = 512;

export interface View {
  zoom: number;
  bbox: Bbox;
  /** The 512-px tiles MapLibre asks for at floor(zoom) (its vector tiles are 512 px). */
  tiles: { z: number; x: number; y: number }[];
}

/** What a `width` × `height` map shows centred on `center` at `zoom`. */
export function viewAt(center: [number, number], zoom: number, width = 1280, height = 800): View {
  const world = TILE * 2 ** zoom;
  const cx = ((center[0] + 180) / 360) * world;
  const cy = mercY(center[1]) * world;
  const bbox: Bbox = [
    ((cx - width / 2) / world) * 360 - 180,
    latOf((cy + height / 2) / world),
    ((cx + width / 2) / world) * 360 - 180,
    latOf((cy - height / 2) / world),
  ];
  const z = Math.floor(zoom);
  const scale = 2 ** (z - zoom) / TILE; // pixels at `zoom` → tile numbers at z
  const tiles = [];
  for (let x = Math.floor((cx - width / 2) * scale); x <= Math.floor((cx + width / 2) * scale); x++)
    for (let y = Math.floor((cy - height / 2) * scale); y <= Math.floor((cy + height / 2) * scale); y++) tiles.push({ z, x, y });
  return { zoom, bbox, tiles };
}

/** MapLibre's fitBounds: the zoom and centre showing `b` in the map with `padding` px around it. */
export function fitBounds(b: Bbox, width = 1280, height = 800, padding = 20): View {
  const dx = (b[2] - b[0]) / 360;
  const dy = mercY(b[1]) - mercY(b[3]);
  const zoom = Math.min(Math.log2((width - 2 * padding) / (dx * TILE)), Math.log2((height - 2 * padding) / (dy * TILE)));
  const center: [number, number] = [(b[0] + b[2]) / 2, latOf((mercY(b[1]) + mercY(b[3])) / 2)];
  return viewAt(center, zoom, width, height);
}

export const bboxParam = (b: Bbox) => b.map((v) => v.toFixed(4)).join(',');
