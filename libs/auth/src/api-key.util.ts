import { createHash, randomBytes } from 'node:crypto';

export const API_KEY_PREFIX = 'wp_';
/** Characters of the key kept in clear (prefix included) so a user can tell keys apart in lists. */
export const API_KEY_DISPLAY_LENGTH = 10;
const API_KEY_PATTERN = /^wp_[A-Za-z0-9_-]{43}$/;

export interface GeneratedApiKey {
  /** The secret: shown to the user once, never stored. */
  key: string;
  prefix: string;
  keyHash: string;
}

/** `wp_` + 32 random bytes in base64url: 256 bits of entropy, so a fast hash is enough at rest. */
export function generateApiKey(): GeneratedApiKey {
  const key = API_KEY_PREFIX + randomBytes(32).toString('base64url');
  return { key, prefix: key.slice(0, API_KEY_DISPLAY_LENGTH), keyHash: hashApiKey(key) };
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** Cheap shape check before any database lookup. */
export function isWellFormedApiKey(value: string): boolean {
  return API_KEY_PATTERN.test(value);
}

export function looksLikeApiKey(value: string): boolean {
  return value.startsWith(API_KEY_PREFIX);
}
