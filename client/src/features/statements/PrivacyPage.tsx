import { useTranslation } from 'react-i18next';
import { StatementPage, StatementSection } from './StatementPage';

/** What the server stores (server/src/db/migrations): accounts, ideas' contacts, Kehrä contacts, sessions, audit log. */
const DATA = ['dataAccounts', 'dataIdeas', 'dataKehra', 'dataSessions', 'dataAudit'] as const;
/** The cookies server/src/security/cookies.ts sets, and the one thing kept in the browser. */
const COOKIES = ['cookieSession', 'cookieOidc', 'cookieStorage', 'cookieHttps'] as const;

/** /privacy — the privacy notice (GDPR Articles 13–14) and the cookie note. */
export function PrivacyPage() {
  const { t } = useTranslation();
  const p = (key: string) => t(`privacy.${key}`);
  return (
    <StatementPage id="privacy-heading" title={p('heading')}>
      <p>{p('intro')}</p>
      <StatementSection id="privacy-controller" heading={p('controllerHeading')}>
        <p>{p('controller')}</p>
        <address>{p('controllerContact')}</address>
      </StatementSection>
      <StatementSection id="privacy-data" heading={p('dataHeading')}>
        <ul>
          {DATA.map((d) => (
            <li key={d}>{p(d)}</li>
          ))}
        </ul>
      </StatementSection>
      <StatementSection id="privacy-purpose" heading={p('purposeHeading')}>
        <p>{p('purpose')}</p>
      </StatementSection>
      <StatementSection id="privacy-retention" heading={p('retentionHeading')}>
        <p>{p('retentionSessions')}</p>
        <p>{p('retentionOther')}</p>
      </StatementSection>
      <StatementSection id="privacy-sharing" heading={p('sharingHeading')}>
        <p>{p('sharing')}</p>
      </StatementSection>
      <StatementSection id="privacy-rights" heading={p('rightsHeading')}>
        <p>{p('rights')}</p>
      </StatementSection>
      <StatementSection id="cookies" heading={p('cookiesHeading')}>
        <p>{p('cookies')}</p>
        <ul data-testid="cookie-list">
          {COOKIES.map((c) => (
            <li key={c}>{p(c)}</li>
          ))}
        </ul>
      </StatementSection>
    </StatementPage>
  );
}
