import { createDecipheriv, createECDH, createPublicKey, hkdfSync, randomBytes, verify } from 'node:crypto';
import { IncomingHttpHeaders } from 'node:http';
import { LocalHttpServer, LocalRequest, LocalResponse } from '../../support/local-http';

/** A browser's side of one push subscription: the keys it generated, as `PushSubscription.toJSON()` gives them. */
export class TestDevice {
  private readonly ecdh = createECDH('prime256v1');
  readonly publicKey: Buffer;
  readonly authSecret = randomBytes(16);

  constructor(readonly endpoint: string) {
    this.publicKey = this.ecdh.generateKeys();
  }

  toJSON() {
    return {
      endpoint: this.endpoint,
      expirationTime: null,
      keys: { p256dh: this.publicKey.toString('base64url'), auth: this.authSecret.toString('base64url') },
    };
  }

  /** RFC 8291 + RFC 8188 (aes128gcm, one record), written from the RFCs, independent of the web-push library. */
  decrypt(body: Buffer): unknown {
    const salt = body.subarray(0, 16);
    const idLength = body[20];
    const serverPublicKey = body.subarray(21, 21 + idLength);
    const ciphertext = body.subarray(21 + idLength);
    const sharedSecret = this.ecdh.computeSecret(serverPublicKey);
    const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), this.publicKey, serverPublicKey]);
    const ikm = Buffer.from(hkdfSync('sha256', sharedSecret, this.authSecret, keyInfo, 32));
    const cek = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: aes128gcm\0'), 16));
    const nonce = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: nonce\0'), 12));
    const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
    decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16));
    const padded = Buffer.concat([decipher.update(ciphertext.subarray(0, ciphertext.length - 16)), decipher.final()]);
    let end = padded.length - 1;
    while (end >= 0 && padded[end] === 0) end--;
    if (padded[end] !== 2) throw new Error('the last record does not end with the 0x02 delimiter');
    return JSON.parse(padded.subarray(0, end).toString('utf8'));
  }
}

export interface VapidClaims {
  aud: string;
  exp: number;
  sub: string;
}

/**
 * Checks `Authorization: vapid t=<JWT>, k=<public key>` (RFC 8292) as a push service does: k is the
 * server's key, the JWT is ES256 signed by it, and it names this push service's origin, a future
 * expiry (at most 24 h ahead) and a contact. Throws with the reason, returns the claims.
 */
export function verifyVapid(headers: IncomingHttpHeaders, endpoint: string, expectedPublicKey: string): VapidClaims {
  const match = /^vapid t=([\w-]+\.[\w-]+\.[\w-]+), k=([\w-]+)$/.exec(String(headers.authorization ?? ''));
  if (!match) throw new Error(`not a vapid Authorization header: ${headers.authorization}`);
  const [, jwt, k] = match;
  if (k !== expectedPublicKey) throw new Error('k is not the server public key');
  const [header, claims, signature] = jwt.split('.');
  if (JSON.parse(Buffer.from(header, 'base64url').toString()).alg !== 'ES256') throw new Error('alg is not ES256');
  const point = Buffer.from(k, 'base64url');
  const key = createPublicKey({
    key: { kty: 'EC', crv: 'P-256', x: point.subarray(1, 33).toString('base64url'), y: point.subarray(33, 65).toString('base64url') },
    format: 'jwk',
  });
  const signed = Buffer.from(`${header}.${claims}`);
  if (!verify('sha256', signed, { key, dsaEncoding: 'ieee-p1363' }, Buffer.from(signature, 'base64url')))
    throw new Error('the JWT signature does not verify with k');
  const payload = JSON.parse(Buffer.from(claims, 'base64url').toString()) as VapidClaims;
  const now = Date.now() / 1000;
  if (payload.aud !== new URL(endpoint).origin) throw new Error(`aud ${payload.aud} is not the endpoint origin`);
  if (!(payload.exp > now && payload.exp <= now + 24 * 3600 + 60)) throw new Error(`exp ${payload.exp} is not within 24 h`);
  if (!/^(mailto:|https:)/.test(payload.sub)) throw new Error(`sub ${payload.sub} is not mailto: or https:`);
  return payload;
}

export interface ReceivedPush {
  device: TestDevice;
  claims: VapidClaims;
  headers: IncomingHttpHeaders;
  payload: unknown;
}

/**
 * A push service on loopback: each device gets its own endpoint path; a message is accepted (201)
 * only after its VAPID JWT checks out and its payload decrypts; `answer` overrides the status per
 * device (410 Gone = the browser unsubscribed).
 */
export class TestPushService {
  readonly received: ReceivedPush[] = [];
  readonly rejected: string[] = [];
  private readonly statuses = new Map<string, { status: number; times: number }>();
  private count = 0;

  private constructor(
    private readonly http: LocalHttpServer,
    private readonly serverPublicKey: () => string,
  ) {}

  static async start(serverPublicKey: () => string): Promise<TestPushService> {
    return new TestPushService(await LocalHttpServer.start(), serverPublicKey);
  }

  device(): TestDevice {
    const path = `/push/${++this.count}`;
    const device = new TestDevice(this.http.url(path));
    this.http.route(path, (request) => this.receive(device, path, request));
    return device;
  }

  /** The next `times` messages to the device get this status instead of being accepted. */
  answer(device: TestDevice, status: number, times = Infinity): void {
    this.statuses.set(device.endpoint, { status, times });
  }

  requestsTo(device: TestDevice): LocalRequest[] {
    return this.http.requestsTo(new URL(device.endpoint).pathname);
  }

  close(): Promise<void> {
    return this.http.close();
  }

  private receive(device: TestDevice, path: string, request: LocalRequest): LocalResponse {
    const forced = this.statuses.get(device.endpoint);
    if (forced && forced.times > 0) {
      forced.times--;
      return { status: forced.status, body: { reason: 'configured by the test' } };
    }
    try {
      if (request.headers['content-encoding'] !== 'aes128gcm') throw new Error('Content-Encoding is not aes128gcm');
      if (!Number(request.headers.ttl)) throw new Error('no TTL header');
      const claims = verifyVapid(request.headers, device.endpoint, this.serverPublicKey());
      this.received.push({ device, claims, headers: request.headers, payload: device.decrypt(request.raw) });
      return { status: 201 };
    } catch (error) {
      this.rejected.push(`${path}: ${(error as Error).message}`);
      return { status: 400, body: { reason: (error as Error).message } };
    }
  }
}
