import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-webhook-signature';

/** `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>` — the timestamp bounds replays. */
export function signWebhook(secret: string, body: Buffer | string, timestamp = Math.floor(Date.now() / 1000)): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
  return `t=${timestamp},v1=${mac}`;
}

const SIGNATURE_FORMAT = /^t=(\d{1,12}),v1=([0-9a-fA-F]{64})$/;

export interface SignatureCheck {
  update(chunk: Buffer): void;
  /** Why the signature is refused once the whole body went through update(), or null when it matches. */
  problem(): string | null;
}

/**
 * Checks the header, then the body as it streams (multipart bodies are never held whole). A string is
 * the reason the header alone is refused. Only the exact documented format is accepted.
 */
export function startSignatureCheck(
  secret: string,
  header: string | undefined,
  toleranceSeconds: number,
  now = Date.now(),
): SignatureCheck | string {
  if (!header) return `missing ${SIGNATURE_HEADER} header`;
  const match = SIGNATURE_FORMAT.exec(header);
  if (!match) return `malformed ${SIGNATURE_HEADER} header (expected t=<unix seconds>,v1=<64 hex characters>)`;
  const timestamp = Number(match[1]);
  if (Math.abs(now / 1000 - timestamp) > toleranceSeconds) return `signature timestamp outside the ${toleranceSeconds} s tolerance window`;
  const mac = createHmac('sha256', secret).update(`${timestamp}.`);
  return {
    update: (chunk) => void mac.update(chunk),
    problem: () => (timingSafeEqual(Buffer.from(match[2], 'hex'), mac.digest()) ? null : 'signature does not match'),
  };
}

/** Why the signature is refused, or null when it is valid and fresh. */
export function signatureProblem(
  secret: string,
  header: string | undefined,
  body: Buffer,
  toleranceSeconds: number,
  now = Date.now(),
): string | null {
  const check = startSignatureCheck(secret, header, toleranceSeconds, now);
  if (typeof check === 'string') return check;
  check.update(body);
  return check.problem();
}
