import { FastifyReply } from 'fastify';
import { Readable } from 'node:stream';
import { FileUpload } from '@app/database';
import { ByteRange } from './byte-range';

/** `attachment; filename="<ascii fallback>"; filename*=UTF-8''<exact name>` (RFC 6266). */
export function attachmentDisposition(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** Sends a stored file as a download: never rendered inline by the browser, whatever its type. */
export function sendFileContent(reply: FastifyReply, file: FileUpload, content: Readable, range?: ByteRange): FastifyReply {
  const size = Number(file.sizeBytes);
  void reply
    .header('content-type', file.mimeType)
    .header('content-disposition', attachmentDisposition(file.originalName))
    .header('x-content-type-options', 'nosniff')
    .header('accept-ranges', 'bytes')
    .header('etag', `"${file.sha256}"`);
  if (range) void reply.status(206).header('content-range', `bytes ${range.start}-${range.end}/${size}`);
  return reply.header('content-length', range ? range.end - range.start + 1 : size).send(content);
}

export function sendRangeNotSatisfiable(reply: FastifyReply, file: FileUpload): FastifyReply {
  return reply
    .status(416)
    .header('content-range', `bytes */${Number(file.sizeBytes)}`)
    .send({
      statusCode: 416,
      error: 'Range Not Satisfiable',
      message: `The requested range is outside the file (${Number(file.sizeBytes)} bytes)`,
    });
}
