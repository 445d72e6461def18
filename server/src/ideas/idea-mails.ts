import type { MailMessage, Mailer } from '../auth/mailer.js';
import type { Language } from '../contracts/common.js';
import type { IdeaStage } from '../contracts/ideas.js';
import { ideaHiddenText, stageChangedText, trackingCodeText } from '../mail/mail-texts.js';
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

/** To whoever gave a contact address on submitting, in the language they wrote in: the tracking code and the idea's page. */
export const trackingCodeMail = (to: string, idea: MailedIdea, language: Language, publicUrl: string): MailMessage => ({
  to,
  ...trackingCodeText[language](idea, ideaLink(publicUrl, idea.id)),
});

/** To a visitor author (no account, so no in-app notice): the moderator's public reason. */
export const ideaHiddenMail = (
  to: string,
  idea: MailedIdea,
  reason: string,
  language: Language,
  publicUrl: string,
): MailMessage => ({ to, ...ideaHiddenText[language](idea, reason, ideaLink(publicUrl, idea.id)) });

/** To a follower or the contact address: the stage an idea moved to, named in their language. */
export const stageChangedMail = (
  to: string,
  idea: MailedIdea,
  change: { to: IdeaStage; reason: string },
  language: Language,
  publicUrl: string,
): MailMessage => ({ to, ...stageChangedText[language](idea, change.to, change.reason, ideaLink(publicUrl, idea.id)) });
