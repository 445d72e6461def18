import type { FeedLang } from '../contracts/feeds.js';

/** The feeds' own words, in the three languages of the service (the client's i18n is not loaded here). */
export const FEED_TEXTS = {
  fi: {
    service: 'Helsingin kaupunki – Kaupunki kartalla',
    rights: 'Helsingin kaupunki, Kaupunki kartalla (CC BY 4.0)',
    ideas: 'Ideat',
    activities: 'Kaupungin toiminta',
    events: 'Tapahtumat ja kumppanuuspöytien kokoukset',
    ideasAbout: 'Asukkaiden ideat kartalla, uusimmat ensin.',
    activitiesAbout: 'Kaupungin toimialojen hankkeet, palvelut ja tapahtumat kartalla, viimeksi muuttuneet ensin.',
    eventsAbout: 'Kaupungin tapahtumat ja kumppanuuspöytien kokoukset.',
    in: 'alueella',
    theme: 'teema',
    department: 'toimiala',
    meeting: 'Kumppanuuspöydän kokous',
    convener: 'Koollekutsuja',
  },
  sv: {
    service: 'Helsingfors stad – Staden på kartan',
    rights: 'Helsingfors stad, Kaupunki kartalla (CC BY 4.0)',
    ideas: 'Idéer',
    activities: 'Stadens verksamhet',
    events: 'Evenemang och partnerskapsbordens möten',
    ideasAbout: 'Invånarnas idéer på kartan, de nyaste först.',
    activitiesAbout: 'Stadens projekt, tjänster och evenemang på kartan, de senast ändrade först.',
    eventsAbout: 'Stadens evenemang och partnerskapsbordens möten.',
    in: 'i',
    theme: 'tema',
    department: 'sektor',
    meeting: 'Partnerskapsbordets möte',
    convener: 'Sammankallare',
  },
  en: {
    service: 'City of Helsinki – City on the map',
    rights: 'City of Helsinki, Kaupunki kartalla (CC BY 4.0)',
    ideas: 'Ideas',
    activities: 'City activities',
    events: 'Events and partnership table meetings',
    ideasAbout: 'Residents’ ideas on the map, newest first.',
    activitiesAbout: 'Projects, services and events of the city’s departments, most recently changed first.',
    eventsAbout: 'The city’s events and the partnership tables’ meetings.',
    in: 'in',
    theme: 'theme',
    department: 'department',
    meeting: 'Partnership table meeting',
    convener: 'Convener',
  },
} as const satisfies Record<FeedLang, Record<string, string>>;

export type FeedTexts = (typeof FEED_TEXTS)[FeedLang];

/** The names a filter picks, for the feed's title. */
export interface FilterNames {
  areas: string[];
  themes: string[];
  departments: string[];
}

/** "Ideas in Kallio — theme Parks — department Culture": the feed names its filter. */
export function feedTitle(base: string, n: FilterNames, t: FeedTexts): string {
  const parts = [n.areas.length ? `${base} ${t.in} ${n.areas.join(', ')}` : base];
  if (n.themes.length) parts.push(`${t.theme} ${n.themes.join(', ')}`);
  if (n.departments.length) parts.push(`${t.department} ${n.departments.join(', ')}`);
  return parts.join(' — ');
}
