export const REDACTED = '***';
// Shorter values would blank out ordinary words and numbers all over the run data.
const MIN_SECRET_LENGTH = 4;

/**
 * Replaces every known secret value (and its URL-encoded and base64 forms, as they travel in query
 * strings and Basic auth) with ***, in strings and in any depth of arrays and plain objects.
 */
export class SecretRedactor {
  private readonly secrets = new Set<string>();
  /** Longest first, so a secret containing another is replaced whole; kept sorted as secrets are added. */
  private longestFirst: string[] = [];

  add(...values: unknown[]): void {
    for (const value of values) {
      if (typeof value !== 'string' || value.length < MIN_SECRET_LENGTH) continue;
      for (const form of [value, encodeURIComponent(value), Buffer.from(value).toString('base64')]) this.secrets.add(form);
    }
    this.longestFirst = [...this.secrets].sort((a, b) => b.length - a.length);
  }

  get empty(): boolean {
    return this.secrets.size === 0;
  }

  redact<T>(value: T): T {
    if (this.empty) return value;
    const secrets = this.longestFirst;
    return deepMap(value, (text) => secrets.reduce((out, secret) => out.split(secret).join(REDACTED), text)) as T;
  }
}

function deepMap(value: unknown, onString: (text: string) => string): unknown {
  if (typeof value === 'string') return onString(value);
  if (Array.isArray(value)) return value.map((item) => deepMap(item, onString));
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [onString(k), deepMap(v, onString)]));
  }
  if (value instanceof Error) return Object.assign(new Error(onString(value.message)), { name: value.name });
  return value;
}
