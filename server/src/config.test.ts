import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

describe('loadConfig', () => {
  it('reads relative paths from where the command was typed, not from the server workspace', () => {
    const c = loadConfig({ INIT_CWD: '/home/me/kaupunki', KK_AREAS_SOURCE: '../shared/data/helsinki', KK_DATA_DIR: 'mydata' });
    expect(c.areasSource).toBe(path.resolve('/home/me/shared/data/helsinki'));
    expect(c.dataDir).toBe(path.resolve('/home/me/kaupunki/mydata'));
  });

  it('keeps the WFS keyword and URLs as they are', () => {
    expect(loadConfig({ KK_AREAS_SOURCE: 'wfs' }).areasSource).toBe('wfs');
    expect(loadConfig({ KK_AREAS_SOURCE: 'https://example.test/wfs' }).areasSource).toBe('https://example.test/wfs');
  });

  it('stops with a message naming a bad variable', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL must start with postgres/);
    expect(() => loadConfig({ KK_IDEA_WAITING_DAYS: '0' })).toThrow(/KK_IDEA_WAITING_DAYS/);
  });

  it('flags an idea as waiting after 14 days unless told otherwise', () => {
    expect(loadConfig({}).ideaWaitingDays).toBe(14);
    expect(loadConfig({ KK_IDEA_WAITING_DAYS: '5' }).ideaWaitingDays).toBe(5);
  });

  it('searches offline unless KK_SEARCH_ONLINE=true, waiting 3 s for Service Map by default', () => {
    expect(loadConfig({}).search).toEqual({ online: false, serviceMapUrl: undefined, timeoutMs: 3000 });
    expect(loadConfig({ KK_SEARCH_ONLINE: 'true', KK_SEARCH_TIMEOUT: '10s' }).search).toMatchObject({
      online: true,
      timeoutMs: 10_000,
    });
    expect(() => loadConfig({ KK_SEARCH_ONLINE: 'yes' })).toThrow(/KK_SEARCH_ONLINE must be true or false/);
  });
});
