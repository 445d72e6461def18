import { useTranslation } from 'react-i18next';
import { isLanguage } from '@/i18n/languages';
import { SERVICE_PROFILE } from './service-profile';
import { StatementPage, StatementSection } from './StatementPage';

const GAPS = ['gapMap', 'gapDrawing', 'gapColour'] as const;

/** /accessibility — the accessibility statement the Act on the Provision of Digital Services (306/2019) requires. */
export function AccessibilityPage() {
  const { t, i18n } = useTranslation();
  const lang = isLanguage(i18n.language) ? i18n.language : 'fi';
  const a = (key: string) => t(`accessibility.${key}`);
  return (
    <StatementPage id="accessibility-heading" title={a('heading')}>
      <p>{a('intro')}</p>
      <StatementSection id="accessibility-status" heading={a('statusHeading')}>
        <p data-testid="accessibility-status">{a('status')}</p>
      </StatementSection>
      <StatementSection id="accessibility-gaps" heading={a('gapsHeading')}>
        <p>{a('gapsIntro')}</p>
        <ul>
          {GAPS.map((g) => (
            <li key={g}>{a(g)}</li>
          ))}
        </ul>
      </StatementSection>
      <StatementSection id="accessibility-prepared" heading={a('preparedHeading')}>
        <p>{t('accessibility.prepared', { date: SERVICE_PROFILE.accessibilityStatementDate })}</p>
      </StatementSection>
      <StatementSection id="accessibility-feedback" heading={a('feedbackHeading')}>
        <p>{a('feedback')}</p>
        <p>
          <a href={SERVICE_PROFILE.feedbackUrl}>{a('feedbackLink')}</a>
        </p>
        <p>{a('responseTime')}</p>
      </StatementSection>
      <StatementSection id="accessibility-authority" heading={a('authorityHeading')}>
        <p>{a('authority')}</p>
        <address>
          {a('authorityName')}
          <br />
          <a href={SERVICE_PROFILE.accessibilityAuthorityUrl[lang]}>{a('authorityLink')}</a>
        </address>
      </StatementSection>
    </StatementPage>
  );
}
