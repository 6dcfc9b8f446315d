/** Shannon entropy of the string's own character distribution, in bits per character. */
export function entropyBitsPerChar(value: string): number {
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / value.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

export const MIN_SECRET_BYTES = 32;
const MIN_BITS_PER_CHAR = 3;
const MIN_TOTAL_BITS = 100;

/** Rough estimate: catches repeated words and keyboard runs, not a proof of randomness. */
export function isLowEntropy(value: string): boolean {
  const perChar = entropyBitsPerChar(value);
  return perChar < MIN_BITS_PER_CHAR || perChar * value.length < MIN_TOTAL_BITS;
}

/** Decodes a 32-byte key given as 64 hex characters or as base64; null when it is neither. */
export function decodeKey(value: string): Buffer | null {
  if (/^[0-9a-fA-F]+$/.test(value) && value.length % 2 === 0) return Buffer.from(value, 'hex');
  if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(value)) return Buffer.from(value, 'base64');
  return null;
}

const PLACEHOLDER_WORDS = ['changeme', 'change-me', 'change_me', 'example', 'secret', 'password', 'replace', 'dev-only', 'default', 'xxxx'];

export function looksLikePlaceholder(value: string): boolean {
  const lower = value.toLowerCase();
  return PLACEHOLDER_WORDS.some((word) => lower.includes(word));
}
