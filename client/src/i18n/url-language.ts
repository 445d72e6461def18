import type { i18n as I18n } from 'i18next';
import { DEFAULT_LANGUAGE, isLanguage, type Language } from './languages';

/**
 * The language is part of the address (`?lang=sv`, `?lang=en`; Finnish, the default, needs none),
 * so a shared link or a reload opens in the language it was read in. A query parameter and not a
 * path prefix: every route, link and URL writer of the app stays as it is.
 */
export const LANGUAGE_PARAM = 'lang';

/** The language a URL's query names, or null when it names none (or an unknown one). */
export function languageOf(search: string): Language | null {
  const v = new URLSearchParams(search).get(LANGUAGE_PARAM);
  return isLanguage(v) ? v : null;
}

/** The query with `lang` set for the language (and removed for Finnish); other parameters kept. */
export function searchWithLanguage(search: string, language: string): string {
  const q = new URLSearchParams(search);
  if (language === DEFAULT_LANGUAGE || !isLanguage(language)) q.delete(LANGUAGE_PARAM);
  else q.set(LANGUAGE_PARAM, language);
  const s = q.toString();
  return s ? `?${s}` : '';
}

interface Place {
  pathname: string;
  search: string;
  hash: string;
}

/** The part of a data router this needs: where it is, where it goes, and telling when it moved. */
export interface LanguageRouter {
  state: { location: Place };
  navigate(to: Place, opts: { replace: boolean; preventScrollReset: boolean }): unknown;
  subscribe(fn: (state: { location: Place }) => void): () => void;
}

/**
 * Keeps the URL and the interface language in step: a link naming a language switches to it;
 * a link naming none (every in-app link) gets the current one added, without a history entry;
 * a language switch rewrites the address in place.
 */
export function keepLanguageInUrl(router: LanguageRouter, i18n: I18n): () => void {
  const write = (place: Place, language: string) => {
    const search = searchWithLanguage(place.search, language);
    if (search !== place.search) void router.navigate({ ...place, search }, { replace: true, preventScrollReset: true });
  };
  const follow = (place: Place) => {
    const named = languageOf(place.search);
    if (named && named !== i18n.language) void i18n.changeLanguage(named);
    else write(place, i18n.language);
  };
  const onLanguage = (language: string) => write(router.state.location, language);
  follow(router.state.location);
  const unsubscribe = router.subscribe((state) => follow(state.location));
  i18n.on('languageChanged', onLanguage);
  return () => {
    unsubscribe();
    i18n.off('languageChanged', onLanguage);
  };
}
