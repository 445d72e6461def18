import type { Language } from '../contracts/common.js';
import type { IdeaStage } from '../contracts/ideas.js';

/**
 * What the server writes to people, in their language: an account's stored one, or for a visitor
 * the language they submitted in. One table per message; the client's translations hold the same
 * app and stage names (client/src/i18n/<lang>/core.json, ideas.json).
 */
export const APP_NAME: Record<Language, string> = { fi: 'Kaupunki kartalla', sv: 'Staden på kartan', en: 'City on the map' };

export const STAGE_NAMES: Record<Language, Record<IdeaStage, string>> = {
  fi: {
    submitted: 'Jätetty',
    connected: 'Yhdistetty',
    refining: 'Jalostetaan',
    decision: 'Päätös',
    implemented: 'Toteutettu',
    not_taken_forward: 'Ei viety eteenpäin',
  },
  sv: {
    submitted: 'Inlämnad',
    connected: 'Kopplad',
    refining: 'Bearbetas',
    decision: 'Beslut',
    implemented: 'Genomförd',
    not_taken_forward: 'Inte vidare',
  },
  en: {
    submitted: 'Submitted',
    connected: 'Connected',
    refining: 'Being refined',
    decision: 'Decision',
    implemented: 'Implemented',
    not_taken_forward: 'Not taken forward',
  },
};

export interface MailText {
  subject: string;
  text: string;
}

interface MailedIdea {
  trackingCode: string;
  title: string;
}

type Texts<A extends unknown[]> = Record<Language, (...args: A) => MailText>;

export const verifyEmailText: Texts<[link: string]> = {
  fi: (link) => ({
    subject: `Vahvista sähköpostiosoitteesi – ${APP_NAME.fi}`,
    text: `Vahvista sähköpostiosoitteesi ${APP_NAME.fi} -palveluun avaamalla linkki 48 tunnin kuluessa:\n${link}\n\nJos et luonut tiliä, voit jättää viestin huomiotta.`,
  }),
  sv: (link) => ({
    subject: `Bekräfta din e-postadress – ${APP_NAME.sv}`,
    text: `Bekräfta din e-postadress för tjänsten ${APP_NAME.sv} genom att öppna länken inom 48 timmar:\n${link}\n\nOm du inte har skapat ett konto kan du lämna meddelandet utan åtgärd.`,
  }),
  en: (link) => ({
    subject: `Confirm your e-mail address – ${APP_NAME.en}`,
    text: `Confirm your e-mail address for ${APP_NAME.en} by opening the link within 48 hours:\n${link}\n\nIf you did not create an account, you can ignore this message.`,
  }),
};

export const accountExistsText: Texts<[resetLink: string]> = {
  fi: (link) => ({
    subject: `${APP_NAME.fi}: tilisi on jo olemassa`,
    text: `Osoitteella on jo tili. Kirjaudu sisään tai vaihda salasana: ${link}`,
  }),
  sv: (link) => ({
    subject: `${APP_NAME.sv}: du har redan ett konto`,
    text: `Adressen har redan ett konto. Logga in eller byt lösenord: ${link}`,
  }),
  en: (link) => ({
    subject: `${APP_NAME.en}: you already have an account`,
    text: `This address already has an account. Sign in or change the password: ${link}`,
  }),
};

export const passwordResetText: Texts<[link: string]> = {
  fi: (link) => ({
    subject: `Salasanan vaihto – ${APP_NAME.fi}`,
    text: `Vaihda salasanasi avaamalla linkki tunnin kuluessa:\n${link}\n\nJos et pyytänyt vaihtoa, voit jättää viestin huomiotta.`,
  }),
  sv: (link) => ({
    subject: `Byte av lösenord – ${APP_NAME.sv}`,
    text: `Byt ditt lösenord genom att öppna länken inom en timme:\n${link}\n\nOm du inte bad om bytet kan du lämna meddelandet utan åtgärd.`,
  }),
  en: (link) => ({
    subject: `Changing your password – ${APP_NAME.en}`,
    text: `Change your password by opening the link within an hour:\n${link}\n\nIf you did not ask for this, you can ignore this message.`,
  }),
};

export const trackingCodeText: Texts<[idea: MailedIdea, link: string]> = {
  fi: (idea, link) => ({
    subject: `Ideasi seurantakoodi on ${idea.trackingCode} – ${APP_NAME.fi}`,
    text: `Kiitos ideastasi "${idea.title}". Sen seurantakoodi on ${idea.trackingCode}; idean vaiheet näet osoitteessa:\n${link}`,
  }),
  sv: (idea, link) => ({
    subject: `Spårningskoden för din idé är ${idea.trackingCode} – ${APP_NAME.sv}`,
    text: `Tack för din idé "${idea.title}". Spårningskoden är ${idea.trackingCode}; idéns skeden finns på adressen:\n${link}`,
  }),
  en: (idea, link) => ({
    subject: `Your idea's tracking code is ${idea.trackingCode} – ${APP_NAME.en}`,
    text: `Thank you for your idea "${idea.title}". Its tracking code is ${idea.trackingCode}; follow its stages at:\n${link}`,
  }),
};

export const ideaHiddenText: Texts<[idea: MailedIdea, reason: string, link: string]> = {
  fi: (idea, reason, link) => ({
    subject: `Ideasi ${idea.trackingCode} on piilotettu – ${APP_NAME.fi}`,
    text: `Moderaattori piilotti ideasi "${idea.title}" (${idea.trackingCode}). Syy: ${reason}\nIdean sivu ja sen vaiheet säilyvät osoitteessa:\n${link}`,
  }),
  sv: (idea, reason, link) => ({
    subject: `Din idé ${idea.trackingCode} har dolts – ${APP_NAME.sv}`,
    text: `En moderator har dolt din idé "${idea.title}" (${idea.trackingCode}). Orsak: ${reason}\nIdéns sida och dess skeden finns kvar på adressen:\n${link}`,
  }),
  en: (idea, reason, link) => ({
    subject: `Your idea ${idea.trackingCode} was hidden – ${APP_NAME.en}`,
    text: `A moderator has hidden your idea "${idea.title}" (${idea.trackingCode}). Reason: ${reason}\nThe idea's page and its stages stay at:\n${link}`,
  }),
};

export const stageChangedText: Texts<[idea: MailedIdea, stage: IdeaStage, reason: string, link: string]> = {
  fi: (idea, stage, reason, link) => ({
    subject: `${idea.trackingCode}: ${idea.title}`,
    text: `Idea ${idea.trackingCode} siirtyi vaiheeseen "${STAGE_NAMES.fi[stage]}".\n\n${reason}\n\n${link}`,
  }),
  sv: (idea, stage, reason, link) => ({
    subject: `${idea.trackingCode}: ${idea.title}`,
    text: `Idén ${idea.trackingCode} har gått vidare till skedet "${STAGE_NAMES.sv[stage]}".\n\n${reason}\n\n${link}`,
  }),
  en: (idea, stage, reason, link) => ({
    subject: `${idea.trackingCode}: ${idea.title}`,
    text: `Idea ${idea.trackingCode} moved to the stage "${STAGE_NAMES.en[stage]}".\n\n${reason}\n\n${link}`,
  }),
};
