import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-webhook-signature';

/** `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>` — the timestamp bounds replays. */
export function signWebhook(secret: string, body: Buffer | string, timestamp = Math.floor(Date.now() / 1000)): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
  return `t=${timestamp},v1=${mac}`;
}

/** Why the signature is refused, or null when it is valid and fresh. */
export function signatureProblem(secret: string, header: string | undefined, body: Buffer, toleranceSeconds: number, now = Date.now()): string | null {
  if (!header) return `missing ${SIGNATURE_HEADER} header`;
  const parts = Object.fromEntries(header.split(',').map((kv) => kv.trim().split('=', 2) as [string, string]));
  const timestamp = Number(parts.t);
  if (!Number.isInteger(timestamp) || !parts.v1) return `malformed ${SIGNATURE_HEADER} header (expected t=<unix seconds>,v1=<hex>)`;
  if (Math.abs(now / 1000 - timestamp) > toleranceSeconds) return `signature timestamp outside the ${toleranceSeconds} s tolerance window`;
  const expected = Buffer.from(signWebhook(secret, body, timestamp).split('v1=')[1], 'hex');
  const given = Buffer.from(parts.v1, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'signature does not match';
  return null;
}
