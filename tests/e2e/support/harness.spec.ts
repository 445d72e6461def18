/**
 * Checks the e2e harness itself, so a broken browser or server start shows up here with a clear
 * message instead of as a timeout in a feature spec.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, runAxe, startApp } from './app.js';

describe('startApp', () => {
  it('starts the real server on its own database and stops it cleanly', async () => {
    const app = await startApp();
    try {
      const health = await (await fetch(`${app.url}/api/health`)).json();
      expect(health).toMatchObject({ status: 'ok', backend: process.env.DATABASE_URL ? 'postgres' : 'pglite' });
      expect(health.areas.count).toBeGreaterThan(0);
      const config = await (await fetch(`${app.url}/api/config`)).json();
      expect(config.mapStyleUrl).toBe('http://127.0.0.1:9/style.json');
      const page = await fetch(`${app.url}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="root"');
    } finally {
      await app.stop();
    }
    await expect(fetch(`${app.url}/api/health`)).rejects.toThrow();
  });

  it('imports from another source when asked, falling back to the fixture when it is unreachable', async () => {
    const app = await startApp({ env: { KK_AREAS_SOURCE: 'http://127.0.0.1:9/wfs' } });
    try {
      const config = await (await fetch(`${app.url}/api/config`)).json();
      expect(config.areasFromFixture).toBe(true);
    } finally {
      await app.stop();
    }
  });
});

describe('openBrowser', () => {
  let handle: Awaited<ReturnType<typeof openBrowser>> = null;
  beforeAll(async () => {
    handle = await openBrowser();
  });
  afterAll(async () => {
    await handle?.browser.close();
  });

  it('gives WebGL to pages (MapLibre needs it), through SwiftShader', async (ctx) => {
    if (!handle) return ctx.skip();
    const page = await handle.newPage();
    const renderer = await page.evaluate(() => {
      const gl = document.createElement('canvas').getContext('webgl2');
      if (!gl) return null;
      const info = gl.getExtension('WEBGL_debug_renderer_info');
      return info ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : 'unknown renderer';
    });
    expect(renderer, 'no WebGL2 context in headless Chromium').not.toBeNull();
    await page.close();
  });

  it('runAxe reports serious and critical violations only', async (ctx) => {
    if (!handle) return ctx.skip();
    const page = await handle.newPage();
    await page.setContent(
      // The app's own CSP: axe must get in without an inline script.
      '<!doctype html><html lang="fi"><head><title>t</title>' +
        `<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self'">` +
        '</head><body><main>' +
        '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">' + // no alt: critical
        '<button></button>' + // no name: critical
        '</main></body></html>',
    );
    const violations = await runAxe(page);
    expect(violations.map((v) => v.id).sort()).toEqual(['button-name', 'image-alt']);
    expect(violations.every((v) => v.impact === 'serious' || v.impact === 'critical')).toBe(true);
    expect(await runAxe(page)).toHaveLength(2); // a second pass reuses the loaded axe
    await page.close();
  });
});

it('the built client exists (npm test builds it)', () => {
  expect(fs.existsSync(new URL('../../../client/dist/index.html', import.meta.url))).toBe(true);
});
