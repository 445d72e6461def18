/** Starts the real app with test-friendly account settings (cheap hashing, memory mailer). */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../server/src/app.js';
import type { AuthOptions } from '../../server/src/auth/auth-options.js';
import { memoryMailer } from '../../server/src/auth/mailer.js';
import type { Database } from '../../server/src/db/connection.js';
import { UNREACHABLE_STYLE_URL } from '../../server/src/test-support/test-server.js';

export interface AuthTestServer {
  url: string;
  mailer: ReturnType<typeof memoryMailer>;
  app: ReturnType<typeof createApp>;
  close(): Promise<void>;
}

/** Low scrypt cost only here: production's default (logN 17) takes ~0.3 s per hash. */
export const TEST_AUTH: Partial<AuthOptions> = { scryptLogN: 12 };

export async function startAuthServer(db: Database, auth: Partial<AuthOptions> = {}): Promise<AuthTestServer> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const mailer = memoryMailer();
  const app = createApp({ db, mapStyleUrl: UNREACHABLE_STYLE_URL, auth: { ...TEST_AUTH, publicUrl: url, mailer, ...auth } });
  server.on('request', app);
  return {
    url,
    mailer,
    app,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

/** The token of the link in the latest message to `to`. */
export function tokenFromMail(mailer: AuthTestServer['mailer'], to: string): string {
  const m = mailer.last(to);
  const token = m && /[?&]token=([A-Za-z0-9_-]+)/.exec(m.text)?.[1];
  if (!token) throw new Error(`No link mailed to ${to}`);
  return token;
}
