import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { loadBundles } from './bundles';
import { DEFAULT_LANGUAGE, isLanguage, LANGUAGE_STORAGE_KEY, type Language } from './languages';
import { languageOf } from './url-language';

const bundles = loadBundles();
export const resources = {
  fi: { translation: bundles.fi },
  sv: { translation: bundles.sv },
  en: { translation: bundles.en },
};

/** The address's language first (a shared link), then the one chosen last time, then Finnish. */
function initialLanguage(): Language {
  const named = languageOf(window.location.search);
  if (named) return named;
  try {
    const v = localStorage.getItem(LANGUAGE_STORAGE_KEY);
    return isLanguage(v) ? v : DEFAULT_LANGUAGE;
  } catch {
    return DEFAULT_LANGUAGE; // storage can be disabled (private mode, sandboxed frames)
  }
}

function applyLanguage(lng: string): void {
  document.documentElement.lang = lng;
  try {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, lng);
  } catch {
    /* not persisted: the choice still holds for this visit */
  }
}

export function initI18n(): typeof i18n {
  void i18n.use(initReactI18next).init({
    resources,
    lng: initialLanguage(),
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: ['fi', 'sv', 'en'],
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
  });
  document.documentElement.lang = i18n.language;
  i18n.on('languageChanged', applyLanguage);
  return i18n;
}

export { i18n };
