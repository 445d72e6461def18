import type { AddressInfo } from 'node:net';
import { createApp, type AppOptions } from '../app.js';
import type { Database } from '../db/connection.js';

/** Unreachable on purpose: API tests must never reach the internet. */
export const UNREACHABLE_STYLE_URL = 'http://127.0.0.1:9/style.json';

export interface TestServer {
  url: string;
  close(): Promise<void>;
}

/**
 * The real Express app over `db`, listening on an ephemeral localhost port. Any createApp option
 * can be given (e.g. `{ auth: { rateLimits: … } }`); the map style URL defaults to an unreachable one.
 */
export async function startTestServer(db: Database, opts: Partial<Omit<AppOptions, 'db'>> = {}): Promise<TestServer> {
  const app = createApp({ mapStyleUrl: UNREACHABLE_STYLE_URL, ...opts, db });
  const server = await new Promise<ReturnType<typeof app.listen>>((resolve, reject) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
    s.once('error', reject);
  });
  // The client (fetch) must be the side that closes idle keep-alive sockets: when the server does,
  // a request can race the close and fail with ECONNRESET, seen here on a busy machine.
  server.keepAliveTimeout = 120_000;
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
