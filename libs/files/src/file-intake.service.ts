import { BadRequestException, Injectable, PayloadTooLargeException, UnsupportedMediaTypeException } from '@nestjs/common';
import type { MultipartFile } from '@fastify/multipart';
import { createHash, randomUUID } from 'node:crypto';
import { Transform } from 'node:stream';
import { FastifyRequest } from 'fastify';
import { AppConfig } from '@app/config';
import { FileUpload, PrismaService } from '@app/database';
import { inputProblem } from '@app/http';
import { isMimeTypeAllowed, sniffMimeType, SNIFF_BYTES } from './mime-sniffer';
import { FileStorage } from './storage/file-storage';

export interface MultipartOptions {
  /** Only this form field may carry a file (POST /files: `file`); any field when not given. */
  fileField?: string;
  maxFiles: number;
  /** Sees every raw byte of the request body as it is read (a webhook's signature check). */
  onRawChunk?: (chunk: Buffer) => void;
}

export interface ReceivedForm {
  /** Stored files by form field, in arrival order. */
  files: { field: string; file: FileUpload }[];
  fields: Record<string, string>;
}

const NAME_LIMIT = 255;
export const UPLOAD_FIELD = 'file';

/**
 * Streams the files of a multipart request to storage, one at a time and never whole in memory:
 * UPLOAD_MAX_BYTES is enforced as bytes arrive (busboy stops at the limit: 413), the SHA-256 is computed
 * on the way, the MIME type is sniffed from the first bytes and checked against UPLOAD_ALLOWED_MIME_TYPES.
 * On any failure the files this request already stored are removed again.
 */
@Injectable()
export class FileIntakeService {
  constructor(
    private readonly config: AppConfig,
    private readonly prisma: PrismaService,
    private readonly storage: FileStorage,
  ) {}

  /** POST /files: exactly one file, in the form field `file`. */
  async receiveOne(userId: string, request: FastifyRequest): Promise<{ file: FileUpload; fields: Record<string, string> }> {
    const form = await this.receive(userId, request, { fileField: UPLOAD_FIELD, maxFiles: 1 });
    if (form.files.length === 0)
      throw new BadRequestException(`No file in the request: send it as multipart/form-data in the field "${UPLOAD_FIELD}"`);
    return { file: form.files[0].file, fields: form.fields };
  }

  async receive(userId: string, request: FastifyRequest, options: MultipartOptions): Promise<ReceivedForm> {
    if (!request.isMultipart()) throw new UnsupportedMediaTypeException('Send the file as multipart/form-data');
    const form: ReceivedForm = { files: [], fields: {} };
    try {
      // Attached in the same tick as parts() pipes the request into the parser, so no chunk is missed.
      if (options.onRawChunk) request.raw.on('data', options.onRawChunk);
      const parts = request.parts({ limits: { fileSize: this.config.upload.UPLOAD_MAX_BYTES, files: options.maxFiles + 1 } });
      for await (const part of parts) {
        // The input guard ran before this body was read: the same rule applies to its text here.
        const problem =
          inputProblem(part.fieldname, 'a form field name') ??
          (part.type === 'field'
            ? inputProblem(String(part.value), `form field ${part.fieldname}`)
            : inputProblem(part.filename, 'the file name'));
        if (problem) throw new BadRequestException(`Invalid input: ${problem}`);
        if (part.type === 'field') {
          form.fields[part.fieldname] = String(part.value);
          continue;
        }
        if (options.fileField && part.fieldname !== options.fileField)
          throw new BadRequestException(
            `Unexpected file in form field "${part.fieldname}"; send the file in the field "${options.fileField}"`,
          );
        if (form.files.length >= options.maxFiles) throw new BadRequestException(`At most ${options.maxFiles} file(s) per request`);
        form.files.push({ field: part.fieldname, file: await this.store(userId, part) });
      }
    } catch (error) {
      await this.discard(form.files.map(({ file }) => file));
      throw clientError(error);
    }
    return form;
  }

  private async store(userId: string, part: MultipartFile): Promise<FileUpload> {
    const id = randomUUID();
    const storageKey = `${userId}/${id}`;
    const meter = new ContentMeter();
    await this.storage.put(storageKey, part.file.pipe(meter));
    try {
      if (part.file.truncated)
        throw new PayloadTooLargeException(
          `The file is larger than the ${this.config.upload.UPLOAD_MAX_BYTES}-byte limit (UPLOAD_MAX_BYTES)`,
        );
      const mimeType = await sniffMimeType(meter.head, part.mimetype);
      if (!isMimeTypeAllowed(mimeType, this.config.upload.UPLOAD_ALLOWED_MIME_TYPES))
        throw new UnsupportedMediaTypeException(
          `Files of type ${mimeType} are not accepted (allowed: ${this.config.upload.UPLOAD_ALLOWED_MIME_TYPES.join(', ')})`,
        );
      const originalName = (part.filename || 'file').slice(0, NAME_LIMIT);
      return await this.prisma.fileUpload.create({
        data: { id, userId, originalName, storageKey, mimeType, sizeBytes: BigInt(meter.size), sha256: meter.sha256() },
      });
    } catch (error) {
      await this.storage.remove(storageKey);
      throw error;
    }
  }

  /** Removes files a request stored when the request fails after all (rows and bytes). */
  async discard(files: FileUpload[]): Promise<void> {
    for (const file of files) {
      await this.prisma.fileUpload.delete({ where: { id: file.id } }).catch(() => undefined);
      await this.storage.remove(file.storageKey).catch(() => undefined);
    }
  }
}

/** Counts, hashes and keeps the first SNIFF_BYTES of what passes through. */
class ContentMeter extends Transform {
  size = 0;
  head = Buffer.alloc(0);
  private readonly hash = createHash('sha256');

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null, data?: Buffer) => void): void {
    this.size += chunk.length;
    this.hash.update(chunk);
    if (this.head.length < SNIFF_BYTES) this.head = Buffer.concat([this.head, chunk.subarray(0, SNIFF_BYTES - this.head.length)]);
    done(null, chunk);
  }

  sha256(): string {
    return this.hash.digest('hex');
  }
}

/** @fastify/multipart's own errors (too many parts, malformed body, ...) carry a 4xx statusCode. */
function clientError(error: unknown): unknown {
  const { code, statusCode, message } = (error ?? {}) as { code?: string; statusCode?: number; message?: string };
  if (code === 'FST_REQ_FILE_TOO_LARGE') return new PayloadTooLargeException('The file is larger than the UPLOAD_MAX_BYTES limit');
  if (code === 'FST_FILES_LIMIT') return new BadRequestException('Too many files in one request');
  if (typeof code === 'string' && code.startsWith('FST_') && typeof statusCode === 'number' && statusCode < 500)
    return new BadRequestException(`Malformed multipart body: ${message}`);
  if (error instanceof Error && /Unexpected end of form|Malformed part header|Multipart: Boundary not found/i.test(error.message))
    return new BadRequestException(`Malformed multipart body: ${error.message}`);
  return error;
}
