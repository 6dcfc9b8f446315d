import { jsonbText } from './jsonb-text';

/** What is stored in place of a step's input or output that is over EXECUTION_DATA_MAX_BYTES. */
export interface TruncatedData {
  truncated: true;
  bytes: number;
  /** The start of the value's JSON text. */
  preview: string;
}

const PREVIEW_MAX_CHARS = 1_024;

/** The stored JSON text of a step's data (`text`: made already) and, when it was too big, the marker stored instead. */
export function boundedJson(value: unknown, maxBytes: number, text = jsonbText(value)): { text: string | null; truncated?: TruncatedData } {
  // Length first: most values are small, and byteLength walks the whole string.
  if (text === null || text.length * 3 <= maxBytes) return { text };
  const bytes = Buffer.byteLength(text);
  if (bytes <= maxBytes) return { text };
  const truncated: TruncatedData = {
    truncated: true,
    bytes,
    preview: text.slice(0, Math.min(PREVIEW_MAX_CHARS, Math.floor(maxBytes / 4))),
  };
  return { text: jsonbText(truncated), truncated };
}

export const isTruncated = (value: unknown): value is TruncatedData =>
  typeof value === 'object' &&
  value !== null &&
  (value as Partial<TruncatedData>).truncated === true &&
  typeof (value as Partial<TruncatedData>).bytes === 'number';
