import { loadConfig, type AuthConfig } from '../config.js';
import { consoleMailer, smtpMailer, type Mailer } from './mailer.js';

/** Runtime options of accounts and security: the configuration plus the mail transport. */
export interface AuthOptions extends AuthConfig {
  mailer: Mailer;
}

/** Options from configuration; anything left out falls back to the documented defaults. */
export function resolveAuthOptions(overrides: Partial<AuthOptions> = {}): AuthOptions {
  const config = { ...loadConfig({}).auth, ...overrides };
  const mailer = overrides.mailer ?? (config.smtpUrl ? smtpMailer(config.smtpUrl, config.mailFrom) : consoleMailer);
  return { ...config, mailer };
}
