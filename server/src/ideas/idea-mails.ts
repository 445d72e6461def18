import type { MailMessage, Mailer } from '../auth/mailer.js';
import { log } from '../log.js';

/** The idea's public page on KK_PUBLIC_URL, as mails link to it. */
export const ideaLink = (publicUrl: string, ideaId: number) => new URL(`/ideas/${ideaId}`, publicUrl).toString();

/** Where idea mails go out from (the app's transport) and link to (KK_PUBLIC_URL). */
export interface IdeaMailing {
  mailer: Mailer;
  publicUrl: string;
}

/** Mails about an idea are a courtesy: a failing transport is logged and never undoes the change. */
export async function sendIdeaMail(mailer: Mailer, message: MailMessage, what: string): Promise<void> {
  try {
    await mailer.send(message);
  } catch (err) {
    log.warn(`${what} mail failed: ${(err as Error).message}`);
  }
}

interface MailedIdea {
  id: number;
  trackingCode: string;
  title: string;
}

/** To whoever gave a contact address on submitting: the tracking code and the idea's page. */
export const trackingCodeMail = (to: string, idea: MailedIdea, publicUrl: string): MailMessage => ({
  to,
  subject: `Ideasi seurantakoodi on ${idea.trackingCode} – Kaupunki kartalla`,
  text:
    `Kiitos ideastasi "${idea.title}". Sen seurantakoodi on ${idea.trackingCode}; ` +
    `idean vaiheet näet osoitteessa:\n${ideaLink(publicUrl, idea.id)}\n\n` +
    `Tack för din idé. Spårningskoden är ${idea.trackingCode}; idéns skeden finns på adressen ovan.\n` +
    `Thank you for your idea. Its tracking code is ${idea.trackingCode}; follow its stages at the address above.`,
});

/** To a visitor author (no account, so no in-app notice): the moderator's public reason. */
export const ideaHiddenMail = (to: string, idea: MailedIdea, reason: string, publicUrl: string): MailMessage => ({
  to,
  subject: `Ideasi ${idea.trackingCode} on piilotettu – Kaupunki kartalla`,
  text:
    `Moderaattori piilotti ideasi "${idea.title}" (${idea.trackingCode}). Syy: ${reason}\n` +
    `Idean sivu ja sen vaiheet säilyvät osoitteessa:\n${ideaLink(publicUrl, idea.id)}\n\n` +
    `En moderator har dolt din idé ${idea.trackingCode}. Orsak: ${reason}\n` +
    `A moderator has hidden your idea ${idea.trackingCode}. Reason: ${reason}`,
});
