import i18next from 'i18next';
import { createMemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { keepLanguageInUrl, languageOf, searchWithLanguage } from './url-language';

const setup = async (url: string, language = 'fi') => {
  const i18n = i18next.createInstance();
  await i18n.init({ lng: language, supportedLngs: ['fi', 'sv', 'en'], resources: {} });
  const router = createMemoryRouter([{ path: '*', element: null }], { initialEntries: [url] });
  keepLanguageInUrl(router, i18n);
  const url_ = () => `${router.state.location.pathname}${router.state.location.search}`;
  return { i18n, router, url: url_ };
};

describe('the language in the URL', () => {
  it('reads and writes ?lang, Finnish without one, other parameters kept', () => {
    expect(languageOf('?area=2&lang=sv')).toBe('sv');
    expect(languageOf('?lang=de')).toBeNull();
    expect(searchWithLanguage('?area=2', 'en')).toBe('?area=2&lang=en');
    expect(searchWithLanguage('?area=2&lang=sv', 'fi')).toBe('?area=2');
  });

  it('follows a link naming a language, and keeps it on links that name none', async () => {
    const { i18n, router, url } = await setup('/ideas?lang=sv');
    expect(i18n.language).toBe('sv');
    await router.navigate('/kehra?area=3');
    expect(url()).toBe('/kehra?area=3&lang=sv');
    await router.navigate('/activities?lang=en');
    expect(i18n.language).toBe('en');
    expect(url()).toBe('/activities?lang=en');
  });

  it('rewrites the address in place when the language is switched', async () => {
    const { i18n, router, url } = await setup('/ideas?area=2');
    await i18n.changeLanguage('en');
    expect(url()).toBe('/ideas?area=2&lang=en');
    await i18n.changeLanguage('fi');
    expect(url()).toBe('/ideas?area=2');
    expect(router.state.historyAction).toBe('REPLACE');
  });
});
