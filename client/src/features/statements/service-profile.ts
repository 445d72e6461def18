import { type FooterTheme, type Header, logoFi, logoSv } from 'hds-react';
import type { ComponentProps } from 'react';

type HeaderTheme = NonNullable<ComponentProps<typeof Header>['theme']>;

/**
 * The municipality's colours, as CSS custom properties on the app's root: the header, the footer,
 * the Koros and the app's own brand surfaces read these, so another municipality re-themes the
 * service by changing them here. Values are HDS tokens (hds-core base.css) with their hex fallback.
 */
const COLORS = {
  '--kk-brand': 'var(--color-bus, #0000bf)',
  '--kk-brand-contrast': 'var(--color-white, #fff)',
  '--kk-brand-light': 'var(--color-coat-of-arms-light, #e6f4ff)',
  '--kk-accent': 'var(--color-metro-dark, #bd2f00)',
  '--kk-focus': 'var(--color-coat-of-arms, #0072c6)',
} as const;

/**
 * The facts the statements name that belong to the organisation running the service, not to the
 * code: a deployment for another municipality edits these (the server has no profile of them yet).
 */
export const SERVICE_PROFILE = {
  /** The City's own feedback service: where accessibility feedback and other feedback go. */
  feedbackUrl: 'https://palautteet.hel.fi/',
  /** Supervising authority of the Act on the Provision of Digital Services (306/2019). */
  accessibilityAuthorityUrl: {
    fi: 'https://www.saavutettavuusvaatimukset.fi/',
    sv: 'https://www.tillganglighetskrav.fi/',
    en: 'https://www.saavutettavuusvaatimukset.fi/en',
  },
  /** When the accessibility statement was last reviewed against the code (Finnish date convention). */
  accessibilityStatementDate: '3.12.2026',
  ccBy: 'https://creativecommons.org/licenses/by/4.0/deed.fi',
  /** Where the municipality's logo leads. */
  homepageUrl: 'https://www.hel.fi/',
  /** The logo per language (Helsinki has a Finnish and a Swedish one; English uses the Finnish). */
  logos: { fi: logoFi, sv: logoSv, en: logoFi } as Record<string, string>,
  colors: COLORS,
  headerTheme: {
    '--header-background-color': 'var(--color-white, #fff)',
    '--header-color': 'var(--color-black-90, #1a1a1a)',
    '--actionbar-background-color': 'var(--color-white, #fff)',
    '--nav-background-color': 'var(--kk-brand-light)',
    '--nav-border-color': 'var(--kk-brand)',
    '--nav-link-hover-color': 'var(--kk-brand)',
    '--color-focus-outline': 'var(--kk-focus)',
  } satisfies HeaderTheme,
  footerTheme: {
    '--footer-background': 'var(--kk-brand)',
    '--footer-color': 'var(--kk-brand-contrast)',
    '--footer-divider-color': 'var(--kk-brand-contrast)',
    '--footer-focus-outline-color': 'var(--kk-brand-contrast)',
  } satisfies FooterTheme,
} as const;

/** The municipality's logo for the language shown. */
export const serviceLogo = (language: string): string => SERVICE_PROFILE.logos[language] ?? logoFi;
