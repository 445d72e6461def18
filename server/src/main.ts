import fs from 'node:fs';
import path from 'node:path';
import { createApp } from './app.js';
import { fileClock } from './clock.js';
import { loadConfig } from './config.js';
import { connect } from './db/connection.js';
import { log, setLogLevel } from './log.js';
import { firstStart } from './seed/first-start.js';

async function main(): Promise<void> {
  const config = loadConfig();
  setLogLevel(config.logLevel);
  const started = Date.now();
  log.info(`Starting: opening the ${config.databaseUrl ? 'PostgreSQL' : 'embedded'} database…`);
  const db = await connect({ databaseUrl: config.databaseUrl, dataDir: path.join(config.dataDir, 'pglite') });
  log.info(`Database: ${db.backend}${db.backend === 'pglite' ? ` in ${config.dataDir}` : ''}`);
  await firstStart(db.knex, {
    areasSource: config.areasSource,
    playparksSource: config.playparksSource,
    demo: config.demo,
    statisticsSource: config.statisticsSource,
  });
  if (!fs.existsSync(path.join(config.clientDist, 'index.html'))) {
    log.warn(`No built client in ${config.clientDist}: run "npm run build" (npm start does it for you)`);
  }
  const app = createApp({
    db,
    mapStyleUrl: config.mapStyleUrl,
    clientDist: config.clientDist,
    auth: config.auth,
    trustProxy: config.trustProxy,
    ideaWaitingDays: config.ideaWaitingDays,
    search: config.search,
    budgeting: { ballotSecret: config.ballotSecret, now: config.testClockFile ? fileClock(config.testClockFile) : undefined },
  });
  if (config.testClockFile) log.warn(`KK_TEST_CLOCK_FILE is set: budgeting phases follow the time in ${config.testClockFile}`);
  if (!config.ballotSecret) log.warn('KK_BALLOT_SECRET is not set: ballots are keyed by a secret kept in the database');
  const server = app.listen(config.port, config.host, () => {
    log.info(`Kaupunki kartalla listening on http://localhost:${config.port} (ready in ${Date.now() - started} ms)`);
  });
  const shutdown = () => {
    log.info('Shutting down');
    server.close(() => void db.close().then(() => process.exit(0)));
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((err) => {
  log.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
