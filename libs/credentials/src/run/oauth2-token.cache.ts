import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { Agent } from 'undici';
import { AppConfig } from '@app/config';
import { SsrfGuard } from '@app/common';
import { NodeFailure } from '@app/workflows';

export interface ClientCredentials {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  scope?: string;
}

interface CachedToken {
  accessToken: string;
  tokenType: string;
  expiresAt: number;
}

// Refresh a little before the server's expiry so a token never expires in flight.
const EXPIRY_MARGIN_MS = 30_000;
const DEFAULT_LIFETIME_S = 3600;
const TIMEOUT_MS = 10_000;

/** OAuth2 client-credentials tokens, fetched once and reused until shortly before they expire. */
@Injectable()
export class OAuth2TokenCache {
  private readonly tokens = new Map<string, CachedToken>();
  private readonly inFlight = new Map<string, Promise<CachedToken>>();
  private readonly guard: SsrfGuard;
  private agent?: Agent;

  constructor(config: AppConfig) {
    this.guard = new SsrfGuard(config.execution.HTTP_NODE_ALLOWED_HOSTS, 'workflows', 'HTTP_NODE_ALLOWED_HOSTS');
  }

  async token(credentialId: string, data: ClientCredentials): Promise<CachedToken> {
    // Keyed by the secret data too: an edited credential never reuses the old token.
    const key = createHash('sha256')
      .update(JSON.stringify([credentialId, data.tokenUrl, data.clientId, data.clientSecret, data.scope ?? '']))
      .digest('hex');
    const cached = this.tokens.get(key);
    if (cached && cached.expiresAt > Date.now()) return cached;
    let pending = this.inFlight.get(key);
    if (!pending) {
      pending = this.fetch(data).finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, pending);
    }
    const token = await pending;
    this.tokens.set(key, token);
    return token;
  }

  private async fetch(data: ClientCredentials): Promise<CachedToken> {
    const url = new URL(data.tokenUrl);
    const refusal = this.guard.urlRefusal(url);
    if (refusal) throw new NodeFailure(`OAuth2 token endpoint refused: ${refusal}`, true);
    const form = new URLSearchParams({ grant_type: 'client_credentials', ...(data.scope ? { scope: data.scope } : {}) });
    const basic = Buffer.from(`${encodeURIComponent(data.clientId)}:${encodeURIComponent(data.clientSecret)}`).toString('base64');
    const where = `${url.origin}${url.pathname}`;
    let status: number;
    let body: { access_token?: unknown; token_type?: unknown; expires_in?: unknown };
    try {
      // Loaded on first use, as in the HTTP request node (undici is ~20 MB resident).
      const { Agent, request } = await import('undici');
      this.agent ??= new Agent({ connect: { lookup: this.guard.lookup } });
      const response = await request(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', authorization: `Basic ${basic}` },
        body: form.toString(),
        dispatcher: this.agent,
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      status = response.statusCode;
      body = (await response.body.json().catch(() => ({}))) as typeof body;
    } catch (error) {
      throw new NodeFailure(`OAuth2 token request to ${where} failed: ${(error as Error).message}`);
    }
    // The answer body is never quoted: a token endpoint may echo the client secret back.
    if (status >= 400 || typeof body.access_token !== 'string')
      throw new NodeFailure(`OAuth2 token request to ${where} answered ${status} without an access_token`, status >= 400 && status < 500);
    const lifetime = typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : DEFAULT_LIFETIME_S;
    return {
      accessToken: body.access_token,
      tokenType: typeof body.token_type === 'string' && body.token_type.toLowerCase() !== 'bearer' ? body.token_type : 'Bearer',
      expiresAt: Date.now() + Math.max(lifetime * 1000 - EXPIRY_MARGIN_MS, 1000),
    };
  }
}
