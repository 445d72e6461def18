import nodemailer from 'nodemailer';
import { log } from '../log.js';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

/** Development default: the message (with its link) goes to the server log. */
export const consoleMailer: Mailer = {
  async send(m) {
    log.info(`[mail] to ${m.to}: ${m.subject}\n${m.text}`);
  },
};

export function smtpMailer(smtpUrl: string, from: string): Mailer {
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    async send(m) {
      await transport.sendMail({ from, to: m.to, subject: m.subject, text: m.text });
    },
  };
}

/** Keeps messages in memory: tests read the links from here. */
export function memoryMailer(): Mailer & { messages: MailMessage[]; last(to: string): MailMessage | undefined } {
  const messages: MailMessage[] = [];
  return {
    messages,
    async send(m) {
      messages.push(m);
    },
    last: (to) => [...messages].reverse().find((m) => m.to.toLowerCase() === to.toLowerCase()),
  };
}
