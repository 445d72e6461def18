import { beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '@/api/http';
import { i18n, resources } from '@/i18n';
import { serverFieldErrors } from './form-errors';
import { errorMessage } from './format';

// The server's answer to a drawn bow-tie, as the error middleware writes it.
const selfIntersecting = () =>
  new ApiError(400, 'invalid_geometry', 'geometry is not valid: Self-intersection[24.95 60.17]', [
    {
      path: ['geometry'],
      code: 'geometry_self_intersection',
      message: 'geometry is not valid: Self-intersection[24.95 60.17]',
      params: { reason: 'Self-intersection[24.95 60.17]' },
    },
  ]);

beforeAll(async () => {
  await i18n.init({ resources, lng: 'fi', fallbackLng: 'fi', interpolation: { escapeValue: false } });
});

describe('server refusals in the reader language', () => {
  it('words a geometry refusal by its code in fi, sv and en, never in PostGIS English', async () => {
    const said: Record<string, string> = {};
    for (const lng of ['fi', 'sv', 'en']) {
      await i18n.changeLanguage(lng);
      said[lng] = errorMessage(selfIntersecting());
      expect(serverFieldErrors(selfIntersecting()).geometry).toBe(said[lng]);
    }
    expect(said.fi).toMatch(/^Piirretty alue leikkaa itsensä/);
    expect(said.sv).toMatch(/^Det ritade området skär sig självt/);
    expect(said.en).toMatch(/^The drawn area crosses itself/);
    expect(Object.values(said).join(' ')).not.toContain('Self-intersection');
  });

  it('puts the bounds of a size refusal into the sentence, and keeps a message it has no words for', async () => {
    await i18n.changeLanguage('sv');
    const tooLong = new ApiError(400, 'invalid_request', 'title: too long', [
      {
        path: ['title'],
        code: 'too_big',
        message: 'title must be at most 120 characters',
        params: { maximum: 120, origin: 'string' },
      },
      { path: ['themes'], code: 'custom', message: 'themes: unknown theme(s): x' },
    ]);
    expect(serverFieldErrors(tooLong)).toEqual({ title: 'För lång: högst 120 tecken.', themes: 'themes: unknown theme(s): x' });
  });
});
