import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { RunFile } from '../files/files-port';

const quoted = (value: string) => value.replace(/[\r\n"]/g, (c) => encodeURIComponent(c));

/**
 * A multipart/form-data body streamed from a stored file (never read whole), with text fields before it;
 * its exact length is known up front, so the request carries a Content-Length.
 */
export async function multipartBody(
  fields: Record<string, string>,
  fileField: string,
  file: RunFile,
): Promise<{ contentType: string; length: number; body: AsyncIterable<Buffer> }> {
  const boundary = `----workflow-platform-${randomBytes(12).toString('hex')}`;
  const head = Buffer.from(
    Object.entries(fields)
      .map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${quoted(name)}"\r\n\r\n${value}\r\n`)
      .join('') +
      `--${boundary}\r\nContent-Disposition: form-data; name="${quoted(fileField)}"; filename="${quoted(file.name)}"\r\nContent-Type: ${file.mimeType}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const content: Readable = await file.open();
  async function* parts() {
    yield head;
    for await (const chunk of content) yield chunk as Buffer;
    yield tail;
  }
  return { contentType: `multipart/form-data; boundary=${boundary}`, length: head.length + file.size + tail.length, body: parts() };
}
