import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-webhook-signature';

/** `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>` — the timestamp bounds replays. */
export function signWebhook(secret: string, body: Buffer | string, timestamp = Math.floor(Date.now() / 1000)): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
  return `t=${timestamp},v1=${mac}`;
}

const SIGNATURE_FORMAT = /^t=(\d{1,12}),v1=([0-9a-fA-F]{64})$/;

/** Why the signature is refused, or null when it is valid and fresh. Only the exact documented format is accepted. */
export function signatureProblem(secret: string, header: string | undefined, body: Buffer, toleranceSeconds: number, now = Date.now()): string | null {
  if (!header) return `missing ${SIGNATURE_HEADER} header`;
  const match = SIGNATURE_FORMAT.exec(header);
  if (!match) return `malformed ${SIGNATURE_HEADER} header (expected t=<unix seconds>,v1=<64 hex characters>)`;
  const timestamp = Number(match[1]);
  if (Math.abs(now / 1000 - timestamp) > toleranceSeconds) return `signature timestamp outside the ${toleranceSeconds} s tolerance window`;
  const expected = Buffer.from(signWebhook(secret, body, timestamp).split('v1=')[1], 'hex');
  if (!timingSafeEqual(Buffer.from(match[2], 'hex'), expected)) return 'signature does not match';
  return null;
}
