import { randomBytes } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DEFAULT_DEV_SECRETS_FILE } from './env/auth.env';
import { SECRET_GENERATORS } from './secrets-generator';
import { generateVapidKeys } from './web-push-settings';

/** The secrets that have no default: outside production, a missing one comes from the dev secrets file. */
export const DEV_GENERATED_SECRETS = ['JWT_SECRET', 'ENCRYPTION_KEY'] as const;
/** Generated as one pair, and taken from the file only when neither is set (half a pair is a configuration error). */
const VAPID_PAIR = ['VAPID_PUBLIC_KEY', 'VAPID_PRIVATE_KEY'] as const;

type Secrets = Record<string, string>;

export class DevSecretsError extends Error {}

/**
 * Outside production, fills the unset JWT_SECRET and ENCRYPTION_KEY (and the VAPID key pair unless Web
 * Push is switched off) from a local file (DEV_SECRETS_FILE), generating random values on first use.
 * Every process started from the same directory (API, worker, CLI) reads the same file, so tokens,
 * encrypted secrets and browser push subscriptions survive restarts and are shared. Production never
 * reads it: there these secrets must be set explicitly.
 */
export function withDevSecrets(raw: Record<string, string | undefined>): Record<string, string | undefined> {
  if (raw.NODE_ENV === 'production') return raw;
  const missing: string[] = DEV_GENERATED_SECRETS.filter((name) => !raw[name]?.trim());
  if (needsVapidPair(raw)) missing.push(...VAPID_PAIR);
  if (!missing.length) return raw;
  const file = resolve(raw.DEV_SECRETS_FILE?.trim() || DEFAULT_DEV_SECRETS_FILE);
  const secrets = loadOrCreate(file);
  return { ...raw, ...Object.fromEntries(missing.map((name) => [name, secrets[name]])) };
}

function needsVapidPair(raw: Record<string, string | undefined>): boolean {
  const pushOff = ['false', '0', 'no', 'off'].includes(raw.WEB_PUSH_ENABLED?.trim().toLowerCase() ?? '');
  return !pushOff && VAPID_PAIR.every((name) => !raw[name]?.trim());
}

function loadOrCreate(file: string): Secrets {
  const existing = existsSync(file) ? read(file) : {};
  if ([...DEV_GENERATED_SECRETS, ...VAPID_PAIR].every((name) => existing[name])) return existing;
  const complete = { ...existing };
  for (const name of DEV_GENERATED_SECRETS) complete[name] ??= SECRET_GENERATORS[name]();
  if (!VAPID_PAIR.every((name) => existing[name])) {
    const vapid = generateVapidKeys();
    complete.VAPID_PUBLIC_KEY = vapid.publicKey;
    complete.VAPID_PRIVATE_KEY = vapid.privateKey;
  }
  write(file, complete, Object.keys(existing).length > 0);
  // Re-read: when several processes start at once, the first file written wins for all of them.
  return read(file);
}

function read(file: string): Secrets {
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Secrets;
  } catch {
    // reported below
  }
  throw new DevSecretsError(`${file} is not a JSON object of secrets; delete it to generate new development secrets`);
}

/** Written whole to a temporary file first, so a concurrent reader never sees half a file. */
function write(file: string, secrets: Secrets, replace: boolean): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  try {
    if (replace) renameSync(temporary, file);
    else linkSync(temporary, file); // fails with EEXIST when another process created it first
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    if (existsSync(temporary)) unlinkSync(temporary);
  }
}
