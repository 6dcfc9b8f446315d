import type { Attachment } from 'nodemailer/lib/mailer';
import type { RunFiles } from '../files/files-port';
import { NodeFailure } from './node-type';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const MAX_ATTACHMENTS = 20;

/** A file id, or a reference as webhooks hand uploads to workflows ({fileId, name, ...}). */
function fileIdOf(value: unknown): string | null {
  if (typeof value === 'string') return value;
  const id = (value as { fileId?: unknown } | null)?.fileId;
  return typeof id === 'string' ? id : null;
}

/** email.send's `attachments` result (one file or a list) as nodemailer attachments streamed from the owner's files. */
export async function emailAttachments(given: unknown, files: RunFiles | undefined): Promise<Attachment[]> {
  if (given === undefined || given === null) return [];
  const list = Array.isArray(given) ? given : [given];
  if (list.length > MAX_ATTACHMENTS)
    throw new NodeFailure(`params.attachments gave ${list.length} files; at most ${MAX_ATTACHMENTS} may be attached`, true);
  if (list.length && !files) throw new NodeFailure('stored files are not available in this process', true);
  const found = await Promise.all(
    list.map(async (item) => {
      const id = fileIdOf(item);
      if (!id) throw new NodeFailure('params.attachments must give file ids or file references {fileId} (or a list of them)', true);
      const file = UUID.test(id) ? await files!.get(id) : null;
      if (!file) throw new NodeFailure(`file ${id} not found`, true);
      return file;
    }),
  );
  return Promise.all(found.map(async (file) => ({ filename: file.name, contentType: file.mimeType, content: await file.open() })));
}
