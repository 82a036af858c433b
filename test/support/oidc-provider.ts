/**
 * A real OpenID Connect provider for tests: oidc-provider 8 on a loopback port, with one client
 * (the OKR server's redirect URIs) and a few accounts, each a login name with its claims. People
 * sign in on its built-in development login form (any password); consent is taken as given, as
 * an enterprise provider does for its own organisation's apps.
 *
 * `signInThrough` drives that form with fetch, as a browser would, following redirects and
 * keeping each side's cookies, and stops at the OKR server's callback.
 */
import { generateKeyPairSync } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type KoaContextWithOIDC } from 'oidc-provider';

export interface ProviderAccount {
  email?: string;
  email_verified?: boolean;
  name?: string;
}

export interface TestOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  accounts: Record<string, ProviderAccount>;
  close(): Promise<void>;
}

export const DEFAULT_ACCOUNTS: Record<string, ProviderAccount> = {
  nina: { email: 'nina@example.test', email_verified: true, name: 'Nina New' },
  erin: { email: 'erin@example.test', email_verified: true, name: 'Erin Existing' },
  uma: { email: 'uma@example.test', email_verified: false, name: 'Uma Unverified' },
  olaf: { email: 'olaf@elsewhere.test', email_verified: true, name: 'Olaf Other' },
};

export async function startOidcProvider(options: {
  redirectUris: string[];
  accounts?: Record<string, ProviderAccount>;
}): Promise<TestOidcProvider> {
  const accounts = { ...(options.accounts ?? DEFAULT_ACCOUNTS) };
  let handler: http.RequestListener = (_request, response) => response.writeHead(503).end();
  const server = http.createServer((request, response) => handler(request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'okr-wizard';
  const clientSecret = 'okr-wizard-test-secret-0123456789';
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: options.redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: {
      keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'test', use: 'sig', alg: 'RS256' }],
    },
    cookies: { keys: ['test-cookie-key-0123456789'] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    features: { devInteractions: { enabled: true } },
    pkce: { required: () => true },
    // Lifetimes of its own artifacts (it logs a notice for every one left to its default).
    ttl: {
      AccessToken: 600,
      AuthorizationCode: 60,
      Grant: 3600,
      IdToken: 600,
      Interaction: 600,
      Session: 3600,
    },
    findAccount: (_ctx: KoaContextWithOIDC, sub: string) => {
      const account = accounts[sub];
      if (!account) return undefined;
      return { accountId: sub, claims: () => ({ sub, ...account }) };
    },
    // Consent is given: the organisation's own app (what an enterprise provider is set up to do).
    loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
      const accountId = ctx.oidc.session?.accountId;
      const client = ctx.oidc.client;
      if (!accountId || !client) return undefined;
      const grantId = ctx.oidc.session?.grantIdFor(client.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId });
      grant.addOIDCScope('openid email profile');
      await grant.save();
      return grant;
    },
  });
  handler = provider.callback();
  return {
    issuer,
    clientId,
    clientSecret,
    accounts,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Cookies by name, as a browser keeps them for one site (paths ignored: tests need no more). */
class CookieJar {
  private readonly cookies = new Map<string, string>();
  take(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      if (at < 1) continue;
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
  get(name: string): string | undefined {
    return this.cookies.get(name);
  }
}

export interface SsoJourney {
  /** Every URL visited, in order. */
  visited: string[];
  /** The OKR server's last answer: its status and Location. */
  status: number;
  location: string | null;
  /** The OKR session cookie the callback set, if it did. */
  sessionCookie: string | undefined;
  /** The OKR callback URL the provider sent the browser to (to replay it). */
  callbackUrl: string | null;
}

/**
 * Walks a browser's way: GET `startUrl` on the OKR server, follow to the provider, fill its login
 * form as `login`, follow back to the OKR callback, and return what the OKR server answered last
 * (a redirect into the web app or to /signin?sso_error=...). `okrCookie` is sent to the OKR
 * server (a signed-in browser).
 */
export async function signInThrough(
  okrBase: string,
  startUrl: string,
  login: string,
  options: { okrCookie?: string; beforeCallback?: (callbackUrl: string) => Promise<void> } = {},
): Promise<SsoJourney> {
  const okr = new CookieJar();
  const provider = new CookieJar();
  const visited: string[] = [];
  let callbackUrl: string | null = null;
  let url = new URL(startUrl, okrBase).href;
  let method = 'GET';
  let body: string | undefined;
  for (let hop = 0; hop < 20; hop += 1) {
    visited.push(url);
    const onOkr = url.startsWith(okrBase);
    if (onOkr && url.includes('/api/v1/auth/sso/callback')) {
      callbackUrl = url;
      await options.beforeCallback?.(url);
    }
    const jar = onOkr ? okr : provider;
    const cookie = [jar.header(), onOkr ? options.okrCookie : undefined].filter(Boolean).join('; ');
    const response = await fetch(url, {
      method,
      redirect: 'manual',
      headers: {
        ...(cookie ? { cookie } : {}),
        ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(body ? { body } : {}),
    });
    jar.take(response);
    method = 'GET';
    body = undefined;
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      const next = new URL(location, url).href;
      // Back at the OKR server but no longer on the API: where the web app takes over.
      if (next.startsWith(okrBase) && !next.startsWith(`${okrBase}/api/`)) {
        return {
          visited,
          status: response.status,
          location,
          sessionCookie: okr.get('okr_session'),
          callbackUrl,
        };
      }
      url = next;
      continue;
    }
    const html = await response.text();
    const form = /<form[^>]*action="([^"]+)"[^>]*method="post"/i.exec(html);
    if (!onOkr && form?.[1] && html.includes('name="login"')) {
      url = new URL(form[1].replace(/&amp;/g, '&'), url).href;
      method = 'POST';
      body = new URLSearchParams({ prompt: 'login', login, password: 'any password' }).toString();
      continue;
    }
    return {
      visited,
      status: response.status,
      location,
      sessionCookie: okr.get('okr_session'),
      callbackUrl,
    };
  }
  throw new Error(`Too many redirects: ${visited.join(' → ')}`);
}
