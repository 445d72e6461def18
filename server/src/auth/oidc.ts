import * as client from 'openid-client';
import type { AuthConfig } from '../config.js';
import { log } from '../log.js';

/** What a relying party needs from the City's identity provider after a successful login. */
export interface OidcIdentity {
  issuer: string;
  subject: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
}

export interface OidcStart {
  url: string;
  state: string;
  nonce: string;
  codeVerifier: string;
}

/**
 * OpenID Connect relying party (authorization code + PKCE) over openid-client. Discovery is
 * fetched on first use and cached; a failure is retried on the next login.
 */
export class OidcClient {
  private config: Promise<client.Configuration> | null = null;

  constructor(
    private readonly settings: NonNullable<AuthConfig['oidc']>,
    private readonly redirectUri: string,
  ) {}

  get label(): string {
    return this.settings.label;
  }

  private configuration(): Promise<client.Configuration> {
    if (!this.config) {
      const { issuer, clientId, clientSecret } = this.settings;
      const insecure = new URL(issuer).protocol === 'http:';
      this.config = client
        .discovery(
          new URL(issuer),
          clientId,
          clientSecret,
          clientSecret ? client.ClientSecretBasic(clientSecret) : client.None(),
          // Plain http only for an issuer on http (the tests' provider on localhost).
          insecure ? { execute: [client.allowInsecureRequests] } : undefined,
        )
        .catch((err) => {
          this.config = null;
          log.warn(`OIDC discovery of ${issuer} failed: ${(err as Error).message}`);
          throw err;
        });
    }
    return this.config;
  }

  async start(): Promise<OidcStart> {
    const config = await this.configuration();
    const codeVerifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: this.redirectUri,
      scope: this.settings.scopes,
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { url: url.href, state, nonce, codeVerifier };
  }

  /** Exchanges the code; the ID token's signature, issuer, audience, nonce and expiry are checked. */
  async finish(callbackSearch: string, checks: { state: string; nonce: string; codeVerifier: string }): Promise<OidcIdentity> {
    const config = await this.configuration();
    const current = new URL(this.redirectUri);
    current.search = callbackSearch;
    const tokens = await client.authorizationCodeGrant(config, current, {
      pkceCodeVerifier: checks.codeVerifier,
      expectedState: checks.state,
      expectedNonce: checks.nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims()!;
    const str = (v: unknown) => (typeof v === 'string' && v.length > 0 ? v : null);
    return {
      issuer: claims.iss,
      subject: claims.sub,
      email: str(claims.email),
      emailVerified: claims.email_verified === true,
      name: str(claims.name) ?? str([claims.given_name, claims.family_name].filter(Boolean).join(' ')),
    };
  }
}
