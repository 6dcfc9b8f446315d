import { Module } from 'node:module';

type FileTypeFromBuffer = (buffer: Uint8Array) => Promise<{ mime: string } | undefined>;

let fromBuffer: FileTypeFromBuffer | undefined;

/**
 * file-type is ESM-only; Node 20.19+ loads it with require(). Node's own loader is used (not the
 * importing module's require) because Jest's CommonJS registry cannot resolve or load ES modules.
 */
function fileTypeFromBuffer(head: Buffer): ReturnType<FileTypeFromBuffer> {
  if (!fromBuffer) {
    const host = new Module(__filename) as Module & { paths: string[] };
    host.filename = __filename;
    host.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(__dirname);
    fromBuffer = (host.require('file-type') as { fileTypeFromBuffer: FileTypeFromBuffer }).fileTypeFromBuffer;
  }
  return fromBuffer(head);
}

/** file-type reads at most this many bytes of a file to find its signature. */
export const SNIFF_BYTES = 4100;

/** Text formats have no signature: for text content the client's declared type is kept when it is one of these. */
const TEXT_TYPES = new Set([
  'text/plain',
  'text/csv',
  'text/markdown',
  'text/xml',
  'application/json',
  'application/xml',
  'application/x-ndjson',
  'application/yaml',
  'text/yaml',
]);

const UTF8 = new TextDecoder('utf-8', { fatal: true });

function looksLikeText(head: Buffer): boolean {
  if (head.includes(0)) return false;
  try {
    // The head may end inside a multi-byte character: only whole characters before the cut are checked.
    UTF8.decode(head.subarray(0, Math.max(0, head.length - 3)));
    return true;
  } catch {
    return false;
  }
}

/**
 * The MIME type of a file from its first bytes, never from the client's word alone: a binary signature
 * wins; signature-less text may keep a declared text type; anything else is application/octet-stream.
 */
export async function sniffMimeType(head: Buffer, declared: string | undefined): Promise<string> {
  const detected = await fileTypeFromBuffer(head);
  if (detected) return detected.mime;
  if (head.length > 0 && !looksLikeText(head)) return 'application/octet-stream';
  const claimed = declared?.split(';')[0].trim().toLowerCase();
  return claimed && TEXT_TYPES.has(claimed) ? claimed : 'text/plain';
}

/** UPLOAD_ALLOWED_MIME_TYPES: empty allows any; entries are exact types or `type/*`. */
export function isMimeTypeAllowed(mimeType: string, allowed: readonly string[]): boolean {
  if (allowed.length === 0) return true;
  return allowed.some((entry) => {
    const rule = entry.trim().toLowerCase();
    return rule.endsWith('/*') ? mimeType.startsWith(rule.slice(0, -1)) : mimeType === rule;
  });
}
