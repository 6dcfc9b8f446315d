import { createHash } from 'node:crypto';
import { API_KEY_DISPLAY_LENGTH, generateApiKey, hashApiKey, isWellFormedApiKey, looksLikeApiKey } from './api-key.util';

describe('API key helpers', () => {
  it('generates wp_ + 43 base64url characters, a display prefix and the SHA-256 of the whole key', () => {
    const { key, prefix, keyHash } = generateApiKey();
    expect(key).toMatch(/^wp_[A-Za-z0-9_-]{43}$/);
    expect(prefix).toBe(key.slice(0, API_KEY_DISPLAY_LENGTH));
    expect(keyHash).toBe(createHash('sha256').update(key).digest('hex'));
    expect(keyHash).toHaveLength(64);
  });

  it('never generates the same key twice', () => {
    const keys = new Set(Array.from({ length: 1000 }, () => generateApiKey().key));
    expect(keys.size).toBe(1000);
  });

  it('hashes deterministically', () => expect(hashApiKey('wp_abc')).toBe(hashApiKey('wp_abc')));

  it('tells well-formed keys from anything else', () => {
    expect(isWellFormedApiKey(generateApiKey().key)).toBe(true);
    expect(isWellFormedApiKey('wp_short')).toBe(false);
    expect(isWellFormedApiKey(`wp_${'a'.repeat(42)}!`)).toBe(false);
    expect(isWellFormedApiKey(`xx_${'a'.repeat(43)}`)).toBe(false);
    expect(looksLikeApiKey('wp_anything')).toBe(true);
    expect(looksLikeApiKey('eyJhbGciOi')).toBe(false);
  });
});
