import { randomBytes } from 'node:crypto';
import { generateVapidKeys } from './web-push-settings';

/** Every secret the platform reads, with a generator producing a value the production rules accept. */
export const SECRET_GENERATORS: Record<string, () => string> = {
  JWT_SECRET: () => randomBytes(48).toString('base64url'),
  ENCRYPTION_KEY: () => randomBytes(32).toString('hex'),
  CREDENTIALS_KEYS: () => `k${new Date().toISOString().slice(0, 10).replace(/-/g, '')}:${randomBytes(32).toString('hex')}`,
  METRICS_TOKEN: () => randomBytes(24).toString('base64url'),
};

/** Every secret as NAME=value lines; the VAPID keys are one pair, so they come from one generation. */
export function generateSecrets(): string[] {
  const vapid = generateVapidKeys();
  return [
    ...Object.entries(SECRET_GENERATORS).map(([name, generate]) => `${name}=${generate()}`),
    `VAPID_PUBLIC_KEY=${vapid.publicKey}`,
    `VAPID_PRIVATE_KEY=${vapid.privateKey}`,
  ];
}
