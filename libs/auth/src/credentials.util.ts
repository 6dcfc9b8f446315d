import { IncomingHttpHeaders } from 'node:http';
import { looksLikeApiKey } from './api-key.util';

export type Credential = { kind: 'jwt'; token: string } | { kind: 'api-key'; key: string };

export const API_KEY_HEADER = 'x-api-key';

/**
 * The credential a request carries: `Authorization: Bearer <jwt | wp_ key>` first, else `X-API-Key`.
 * Null when there is none; `invalid` when a header is present but unusable (e.g. Basic auth).
 */
export function credentialFromHeaders(headers: IncomingHttpHeaders): Credential | null | 'invalid' {
  const authorization = headers.authorization;
  if (authorization !== undefined) {
    const match = /^Bearer +(\S+) *$/i.exec(authorization);
    if (!match) return 'invalid';
    const token = match[1];
    return looksLikeApiKey(token) ? { kind: 'api-key', key: token } : { kind: 'jwt', token };
  }
  const apiKey = headers[API_KEY_HEADER];
  if (apiKey === undefined) return null;
  return typeof apiKey === 'string' && looksLikeApiKey(apiKey.trim()) ? { kind: 'api-key', key: apiKey.trim() } : 'invalid';
}
