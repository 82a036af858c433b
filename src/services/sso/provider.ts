/**
 * Talking to an organisation's OpenID Connect provider through openid-client: discovery, with
 * the one exception to "https only" — an issuer on this machine's loopback interface (a provider
 * the tests start, or one run beside the server for development) may use plain http.
 */
import * as oidc from 'openid-client';
import type { SsoConfigRow } from '../../repositories/sso.ts';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** How long a provider has to answer discovery (and, after it, the token exchange). */
const PROVIDER_TIMEOUT_SECONDS = 10;

/** Whether the URL's host is this machine's loopback interface. */
export function isLoopback(url: URL): boolean {
  return LOOPBACK_HOSTS.has(url.hostname) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(url.hostname);
}

/** Why an issuer URL cannot be used, or null when it can: https, or http on loopback. */
export function issuerProblem(issuer: string): string | null {
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    return 'is not a URL';
  }
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && isLoopback(url)) return null;
  return 'must be an https URL (plain http only for a provider on loopback: 127.0.0.1, localhost, ::1)';
}

/** Reads the provider's metadata and binds the client (its secret, when it has one). */
export async function discover(
  config: Pick<SsoConfigRow, 'issuer' | 'client_id' | 'client_secret'>,
): Promise<oidc.Configuration> {
  const issuer = new URL(config.issuer);
  const problem = issuerProblem(config.issuer);
  if (problem) throw new Error(`The issuer ${problem}.`);
  const auth = config.client_secret ? oidc.ClientSecretBasic(config.client_secret) : oidc.None();
  return oidc.discovery(issuer, config.client_id, config.client_secret ?? undefined, auth, {
    timeout: PROVIDER_TIMEOUT_SECONDS,
    ...(issuer.protocol === 'http:' ? { execute: [oidc.allowInsecureRequests] } : {}),
  });
}

/** A provider error in words an admin can act on (no stack, no token). */
export function describeProviderError(error: unknown): string {
  if (!(error instanceof Error)) return 'The provider could not be reached.';
  const cause = error.cause instanceof Error ? error.cause : undefined;
  const code = (cause as { code?: string } | undefined)?.code ?? (error as { code?: string }).code;
  if (code === 'ECONNREFUSED') return 'Nothing answers at the issuer URL (connection refused).';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return "The issuer's host name does not resolve.";
  if (
    error.name === 'TimeoutError' ||
    error.name === 'AbortError' ||
    code === 'UND_ERR_CONNECT_TIMEOUT'
  ) {
    return `The provider did not answer within ${PROVIDER_TIMEOUT_SECONDS} seconds.`;
  }
  if (code === 'OAUTH_RESPONSE_IS_NOT_CONFORM' || code === 'OAUTH_RESPONSE_IS_NOT_JSON') {
    return 'The issuer URL does not serve OpenID Connect discovery (/.well-known/openid-configuration).';
  }
  if (code === 'OAUTH_JSON_ATTRIBUTE_COMPARISON_FAILED') {
    return "The provider's metadata names another issuer: enter the issuer exactly as the provider states it.";
  }
  const detail = [error.message, cause?.message].filter(Boolean).join(': ');
  return detail.slice(0, 300) || 'The provider could not be reached.';
}
