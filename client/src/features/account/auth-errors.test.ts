import i18n from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '@/api/http';
import { loadBundles } from '@/i18n/bundles';
import { describeError, retryAfterSeconds } from './auth-errors';
import { serverFieldErrors } from '@/ui/form-errors';
import { safeReturnTo } from './account-api';

beforeAll(async () => {
  await i18n.init({ lng: 'en', resources: { en: { translation: loadBundles().en } }, interpolation: { escapeValue: false } });
});

describe('describeError', () => {
  it('tells how long a locked account has to wait, in minutes', () => {
    const err = new ApiError(429, 'account_locked', 'Too many failed sign-ins', { retryAfterSeconds: 601 });
    expect(retryAfterSeconds(err)).toBe(601);
    expect(describeError(err, i18n.t)).toMatch(/11 minutes/);
  });

  it('names known codes and falls back to the server message', () => {
    expect(describeError(new ApiError(401, 'invalid_credentials', 'x'), i18n.t)).toMatch(/e-mail address or password/i);
    expect(describeError(new ApiError(409, 'last_admin', 'This is the last admin'), i18n.t)).toBe('This is the last admin');
    expect(describeError(new ApiError(500, 'internal', 'boom'), i18n.t)).not.toMatch(/boom/);
    expect(describeError(new TypeError('Failed to fetch'), i18n.t)).toMatch(/connection/i);
  });

  it('maps 400 details to fields', () => {
    const err = new ApiError(400, 'validation_failed', 'bad', [
      { path: ['password'], message: 'password must be at least 10 characters' },
    ]);
    expect(serverFieldErrors(err)).toEqual({ password: 'password must be at least 10 characters' });
    expect(serverFieldErrors(new ApiError(401, 'invalid_credentials', 'x'))).toEqual({});
  });
});

describe('safeReturnTo', () => {
  it('keeps same-site paths only', () => {
    expect(safeReturnTo('/admin?x=1')).toBe('/admin?x=1');
    expect(safeReturnTo('//evil.example')).toBe('/profile');
    expect(safeReturnTo('https://evil.example')).toBe('/profile');
    expect(safeReturnTo('/\\evil')).toBe('/profile');
    expect(safeReturnTo(null)).toBe('/profile');
  });
});
