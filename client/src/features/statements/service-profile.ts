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
} as const;
