import type { Phase } from '../contracts/budgeting.js';
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
    eventsAbout: 'Kaupungin tapahtumat, kumppanuuspöytien kokoukset ja osallistuvan budjetoinnin kierrosten vaiheet.',
    in: 'alueella',
    theme: 'teema',
    department: 'toimiala',
    meeting: 'Kumppanuuspöydän kokous',
    convener: 'Koollekutsuja',
    budgeting: 'Osallistuva budjetointi',
    budgetingAbout: 'Osallistuvan budjetoinnin kierroksen vaihe.',
    budgetingPhases: {
      proposals: 'Ehdotusvaihe',
      co_creation: 'Yhteiskehittäminen',
      feasibility_review: 'Toteutettavuuden arviointi',
      voting: 'Äänestys',
      results: 'Tulokset',
      implementation: 'Toteutus',
    },
  },
  sv: {
    service: 'Helsingfors stad – Staden på kartan',
    rights: 'Helsingfors stad, Kaupunki kartalla (CC BY 4.0)',
    ideas: 'Idéer',
    activities: 'Stadens verksamhet',
    events: 'Evenemang och partnerskapsbordens möten',
    ideasAbout: 'Invånarnas idéer på kartan, de nyaste först.',
    activitiesAbout: 'Stadens projekt, tjänster och evenemang på kartan, de senast ändrade först.',
    eventsAbout: 'Stadens evenemang, partnerskapsbordens möten och faserna i omgångarna av deltagande budgetering.',
    in: 'i',
    theme: 'tema',
    department: 'sektor',
    meeting: 'Partnerskapsbordets möte',
    convener: 'Sammankallare',
    budgeting: 'Deltagande budgetering',
    budgetingAbout: 'En fas i en omgång av deltagande budgetering.',
    budgetingPhases: {
      proposals: 'Förslag',
      co_creation: 'Samskapande',
      feasibility_review: 'Bedömning av genomförbarhet',
      voting: 'Omröstning',
      results: 'Resultat',
      implementation: 'Genomförande',
    },
  },
  en: {
    service: 'City of Helsinki – City on the map',
    rights: 'City of Helsinki, Kaupunki kartalla (CC BY 4.0)',
    ideas: 'Ideas',
    activities: 'City activities',
    events: 'Events and partnership table meetings',
    ideasAbout: 'Residents’ ideas on the map, newest first.',
    activitiesAbout: 'Projects, services and events of the city’s departments, most recently changed first.',
    eventsAbout: 'The city’s events, the partnership tables’ meetings and the phases of participatory budgeting rounds.',
    in: 'in',
    theme: 'theme',
    department: 'department',
    meeting: 'Partnership table meeting',
    convener: 'Convener',
    budgeting: 'Participatory budgeting',
    budgetingAbout: 'A phase of a participatory budgeting round.',
    budgetingPhases: {
      proposals: 'Proposals',
      co_creation: 'Co-creation',
      feasibility_review: 'Feasibility review',
      voting: 'Voting',
      results: 'Results',
      implementation: 'Implementation',
    },
  },
} as const satisfies Record<FeedLang, Record<string, string | Record<Phase, string>>>;

export type FeedTexts = (typeof FEED_TEXTS)[FeedLang];

/** The names a filter picks, for the feed's title. */
export interface FilterNames {
  areas: string[];
  themes: string[];
  departments: string[];
  /** Partnership tables a calendar is limited to, by name. */
  tables?: string[];
}

/** "Ideas in Kallio — theme Parks — department Culture": the feed names its filter. */
export function feedTitle(base: string, n: FilterNames, t: FeedTexts): string {
  const parts = [n.areas.length ? `${base} ${t.in} ${n.areas.join(', ')}` : base];
  if (n.themes.length) parts.push(`${t.theme} ${n.themes.join(', ')}`);
  if (n.departments.length) parts.push(`${t.department} ${n.departments.join(', ')}`);
  if (n.tables?.length) parts.push(n.tables.join(', '));
  return parts.join(' — ');
}
