import { createECDH } from 'node:crypto';
import { AppConfig } from './app-config';
import { ConfigProblem } from './config-problem';

/** A development subject: mailto: with a reserved domain (push services reject localhost https subjects). */
export const DEV_VAPID_SUBJECT = 'mailto:webpush@workflow-platform.invalid';

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
}

export type WebPushSettings =
  { enabled: true; publicKey: string; privateKey: string; subject: string } | { enabled: false; reason: string };

/** A fresh VAPID key pair (P-256), base64url as browsers' applicationServerKey and the web-push library take it. */
export function generateVapidKeys(): VapidKeys {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  const privateKey = Buffer.alloc(32);
  const raw = ecdh.getPrivateKey();
  raw.copy(privateKey, 32 - raw.length);
  return { publicKey: ecdh.getPublicKey().toString('base64url'), privateKey: privateKey.toString('base64url') };
}

/** Whether Web Push is on, with what it needs (the config was validated: keys and subject are well formed). */
export function webPushSettings(config: AppConfig): WebPushSettings {
  const { WEB_PUSH_ENABLED, VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY } = config.notification;
  if (WEB_PUSH_ENABLED === false) return { enabled: false, reason: 'Web Push is disabled on this server (WEB_PUSH_ENABLED=false)' };
  if (!VAPID_PUBLIC_KEY || !VAPID_PRIVATE_KEY)
    return { enabled: false, reason: 'Web Push is not configured on this server (VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY are not set)' };
  return { enabled: true, publicKey: VAPID_PUBLIC_KEY, privateKey: VAPID_PRIVATE_KEY, subject: vapidSubject(config) };
}

function vapidSubject(config: AppConfig): string {
  if (config.notification.VAPID_SUBJECT) return config.notification.VAPID_SUBJECT;
  const base = config.server.PUBLIC_BASE_URL;
  return base?.startsWith('https://') ? base.replace(/\/+$/, '') : DEV_VAPID_SUBJECT;
}

const KEY_FIX = 'Generate a pair with `npm run cli -- config secrets` and set VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY together.';

/** Format and pairing of the VAPID keys and the subject, in every environment; production also needs keys when push is on. */
export function checkWebPush(config: AppConfig): ConfigProblem[] {
  const { WEB_PUSH_ENABLED, VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY, VAPID_SUBJECT } = config.notification;
  const problems: ConfigProblem[] = [];
  if (VAPID_SUBJECT && !/^(mailto:[^@\s]+@[^@\s]+|https:\/\/[^\s/]+(\/\S*)?)$/.test(VAPID_SUBJECT))
    problems.push({
      variable: 'VAPID_SUBJECT',
      problem: 'must be a mailto: address or an https: URL',
      fix: 'Use e.g. mailto:ops@example.com or https://workflows.example.com.',
    });
  if (!VAPID_PUBLIC_KEY !== !VAPID_PRIVATE_KEY) {
    const missing = VAPID_PUBLIC_KEY ? 'VAPID_PRIVATE_KEY' : 'VAPID_PUBLIC_KEY';
    problems.push({ variable: missing, problem: 'is not set although its pair is; the two keys go together', fix: KEY_FIX });
  } else if (VAPID_PUBLIC_KEY && VAPID_PRIVATE_KEY) {
    problems.push(...keyPairProblems(VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY));
  } else if (WEB_PUSH_ENABLED === true && config.isProduction) {
    problems.push({
      variable: 'VAPID_PUBLIC_KEY',
      problem: 'is not set but WEB_PUSH_ENABLED=true; production has no default for it',
      fix: KEY_FIX,
    });
  }
  return problems;
}

function keyPairProblems(publicKey: string, privateKey: string): ConfigProblem[] {
  const pub = decodeBase64Url(publicKey);
  const priv = decodeBase64Url(privateKey);
  const problems: ConfigProblem[] = [];
  if (!pub || pub.length !== 65 || pub[0] !== 0x04)
    problems.push({
      variable: 'VAPID_PUBLIC_KEY',
      problem: `must be base64url of an uncompressed P-256 point (65 bytes starting 0x04; got ${pub ? `${pub.length} bytes` : 'an undecodable value'})`,
      fix: KEY_FIX,
    });
  if (!priv || priv.length !== 32)
    problems.push({
      variable: 'VAPID_PRIVATE_KEY',
      problem: `must be base64url of a 32-byte P-256 private key (got ${priv ? `${priv.length} bytes` : 'an undecodable value'})`,
      fix: KEY_FIX,
    });
  if (problems.length || !pub || !priv) return problems;
  let derived: Buffer | null = null;
  try {
    const ecdh = createECDH('prime256v1');
    ecdh.setPrivateKey(priv);
    derived = ecdh.getPublicKey();
  } catch {
    return [{ variable: 'VAPID_PRIVATE_KEY', problem: 'is not a valid P-256 private key', fix: KEY_FIX }];
  }
  return derived.equals(pub) ? [] : [{ variable: 'VAPID_PUBLIC_KEY', problem: 'does not belong to VAPID_PRIVATE_KEY', fix: KEY_FIX }];
}

function decodeBase64Url(value: string): Buffer | null {
  return /^[A-Za-z0-9_-]+={0,2}$/.test(value) ? Buffer.from(value, 'base64url') : null;
}
