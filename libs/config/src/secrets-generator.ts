import { randomBytes } from 'node:crypto';

/** Every secret the platform reads, with a generator producing a value the production rules accept. */
export const SECRET_GENERATORS: Record<string, () => string> = {
  JWT_SECRET: () => randomBytes(48).toString('base64url'),
  ENCRYPTION_KEY: () => randomBytes(32).toString('hex'),
  CREDENTIALS_KEYS: () => `k${new Date().toISOString().slice(0, 10).replace(/-/g, '')}:${randomBytes(32).toString('hex')}`,
  METRICS_TOKEN: () => randomBytes(24).toString('base64url'),
};

export function generateSecrets(): string[] {
  return Object.entries(SECRET_GENERATORS).map(([name, generate]) => `${name}=${generate()}`);
}
