import { Footer, Logo, LogoSize } from 'hds-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { SERVICE_PROFILE, serviceLogo } from '@/features/statements';

/**
 * The City's footer: the statements the law asks for, the data sources and licences, and where to
 * give feedback. Links to the service's own pages are router links, so the map stays mounted.
 */
export function AppFooter() {
  const { t, i18n } = useTranslation();
  const f = (key: string) => t(`footer.${key}`);
  return (
    <Footer
      title={t('app.title')}
      footerProps={{ 'aria-label': f('label') }}
      className="app-footer"
      theme={SERVICE_PROFILE.footerTheme}
      korosType="basic"
    >
      <Footer.Navigation>
        <Footer.Link as={Link} to="/ideas/new" label={f('ideas')} />
        <Footer.Link as={Link} to="/data-sources" label={f('dataSources')} />
        <Footer.Link as="a" href={SERVICE_PROFILE.feedbackUrl} label={f('feedback')} />
      </Footer.Navigation>
      <Footer.Base
        copyrightHolder={f('copyright')}
        copyrightText={f('rights')}
        backToTopLabel={f('backToTop')}
        logoHref={SERVICE_PROFILE.homepageUrl}
        logo={<Logo src={serviceLogo(i18n.language)} size={LogoSize.Medium} alt={f('logo')} />}
      >
        <Footer.Link as={Link} to="/accessibility" label={f('accessibility')} />
        <Footer.Link as={Link} to="/privacy" label={f('privacy')} />
      </Footer.Base>
    </Footer>
  );
}
