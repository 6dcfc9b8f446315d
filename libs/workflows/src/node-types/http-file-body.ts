import { Readable } from 'node:stream';
import type { RunFiles } from '../files/files-port';
import { multipartBody } from './multipart-body';
import { NodeFailure } from './node-type';

const hasHeader = (headers: Record<string, string>, name: string) => Object.keys(headers).some((h) => h.toLowerCase() === name);

/** A file id, or a reference as webhooks hand uploads to workflows ({fileId, name, ...}). */
function fileIdOf(value: unknown): string | null {
  if (typeof value === 'string') return value;
  const id = (value as { fileId?: unknown } | null)?.fileId;
  return typeof id === 'string' ? id : null;
}

function textFields(value: unknown): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value))
    throw new NodeFailure('params.body must give an object (the text fields) when a file is sent as multipart/form-data', true);
  return Object.fromEntries(
    Object.entries(value).map(([name, field]) => [name, typeof field === 'string' ? field : JSON.stringify(field)]),
  );
}

/**
 * http.request's `file` param: the owner's stored file streamed as the raw body (its type as Content-Type
 * unless a header sets one) or as one multipart part. Sets Content-Type and Content-Length in `headers`.
 */
export async function fileBody(
  given: { file: unknown; fileField?: string; fields?: unknown },
  files: RunFiles | undefined,
  headers: Record<string, string>,
): Promise<Readable> {
  if (!files) throw new NodeFailure('stored files are not available in this process', true);
  const id = fileIdOf(given.file);
  if (!id) throw new NodeFailure('params.file must give a file id or a file reference {fileId}', true);
  const file = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id) ? await files.get(id) : null;
  if (!file) throw new NodeFailure(`file ${id} not found`, true);
  if (given.fileField) {
    const form = await multipartBody(textFields(given.fields), given.fileField, file);
    for (const name of Object.keys(headers)) if (name.toLowerCase() === 'content-type') delete headers[name];
    headers['content-type'] = form.contentType;
    headers['content-length'] = String(form.length);
    return Readable.from(form.body);
  }
  if (!hasHeader(headers, 'content-type')) headers['content-type'] = file.mimeType;
  headers['content-length'] = String(file.size);
  return file.open();
}
