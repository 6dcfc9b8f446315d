import { jsonbText } from './jsonb-text';

/** A plain object JSON.stringify serializes key by key (no toJSON of its own). */
const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype && !('toJSON' in value);

/** What JSON.stringify leaves out of an object. */
const omitted = (value: unknown) => value === undefined || typeof value === 'function' || typeof value === 'symbol';

/**
 * The jsonb texts of one grouped commit, each object serialized once. A run's trigger data is stored
 * as the execution's input, as the trigger step's output and inside the input of every step whose
 * params read it (twice there: as its parent's output and as `trigger`): four JSON.stringify calls of
 * the largest value of a sync webhook, one with this. Step inputs are built from references
 * (stepInput), so their wrapper `{ nodes: { <id>: output }, trigger }` is composed from the texts of
 * what it holds; the result is the same text JSON.stringify (and jsonbText) gives.
 */
export class JsonTexts {
  private readonly texts = new Map<object, string>();

  /** jsonbText(value), from the texts already made where they are shared. */
  of(value: unknown): string | null {
    return value === undefined || value === null ? null : this.textOf(value);
  }

  /** A step's input: the stepInput wrapper composed from its parts' texts, anything else as is. */
  ofStepInput(value: unknown): string | null {
    if (!isPlainObject(value) || !isPlainObject(value.nodes)) return this.of(value);
    const keys = Object.keys(value);
    if (keys.some((key) => key !== 'nodes' && key !== 'trigger')) return this.of(value);
    const parts = keys.flatMap((key) => {
      if (key === 'nodes') return [`"nodes":${this.composed(value.nodes as Record<string, unknown>)}`];
      return omitted(value[key]) ? [] : [`"trigger":${this.textOf(value[key])}`];
    });
    return `{${parts.join(',')}}`;
  }

  private composed(object: Record<string, unknown>): string {
    const parts: string[] = [];
    for (const key of Object.keys(object)) if (!omitted(object[key])) parts.push(`${jsonbText(key)}:${this.textOf(object[key])}`);
    return `{${parts.join(',')}}`;
  }

  private textOf(value: unknown): string {
    if (value === null || typeof value !== 'object') return jsonbText(value) ?? 'null';
    let text = this.texts.get(value);
    if (text === undefined) {
      text = jsonbText(value) ?? 'null';
      this.texts.set(value, text);
    }
    return text;
  }
}
