import { randomUUID } from 'node:crypto';
import { IncomingMessage } from 'node:http';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { AppConfig } from '@app/config';

export type TrustProxy = boolean | string[] | ((address: string, hop: number) => boolean);

/**
 * TRUST_PROXY: "false", "true", a hop count, or a comma list of proxy IPs/CIDRs — never blindly on.
 * A hop count trusts that many proxies nearest the server, whatever their address: Fastify (5.12 on)
 * ignores a bare number, so it is given as the trust function proxy-addr built for one before.
 */
export function parseTrustProxy(value: string): TrustProxy {
  const trimmed = value.trim().toLowerCase();
  if (trimmed === 'true') return true;
  if (trimmed === 'false' || trimmed === '') return false;
  if (/^\d+$/.test(trimmed)) {
    const hops = Number(trimmed);
    return (_address, hop) => hop < hops;
  }
  return value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
}

export const REQUEST_ID_HEADER = 'x-request-id';

/** A caller's X-Request-Id is kept only when short and plain, so it cannot forge log lines. */
export function requestIdOf(req: IncomingMessage): string {
  const given = req.headers[REQUEST_ID_HEADER];
  return typeof given === 'string' && /^[\w.:-]{1,128}$/.test(given) ? given : randomUUID();
}

export function createFastifyAdapter(config: AppConfig): FastifyAdapter {
  return new FastifyAdapter({
    trustProxy: parseTrustProxy(config.server.TRUST_PROXY),
    bodyLimit: config.execution.WEBHOOK_BODY_LIMIT_BYTES,
    // Logging is nestjs-pino's; Fastify only names the request (the id every log line carries).
    logger: false,
    genReqId: requestIdOf,
    forceCloseConnections: 'idle',
  });
}
