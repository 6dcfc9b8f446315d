import { Injectable, UnauthorizedException } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { FastifyRequest } from 'fastify';
import { AppConfig } from '@app/config';
import { FileIntakeService, FileReference, toFileReference } from '@app/files';
import { FileUpload } from '@app/database';
import { SIGNATURE_HEADER, startSignatureCheck } from './webhook-signature';

/** Files one webhook call may carry; each is bounded by UPLOAD_MAX_BYTES. */
export const WEBHOOK_MAX_FILES = 10;

export interface WebhookForm {
  /** What the workflow sees: the text fields, and each file field as a reference (a list when repeated). */
  body: Record<string, string | FileReference | FileReference[]>;
  files: FileUpload[];
  /** Stable over retries of the same request (file ids differ, contents do not): for Idempotency-Key. */
  fingerprint: string;
}

/**
 * A multipart/form-data webhook call: its files are stored for the workflow's owner as they stream in
 * (never held whole), and a signed webhook's HMAC is computed over the raw bytes on the way.
 */
@Injectable()
export class WebhookFormReader {
  constructor(
    private readonly config: AppConfig,
    private readonly intake: FileIntakeService,
  ) {}

  async read(ownerId: string, request: FastifyRequest, signingSecret: string | null): Promise<WebhookForm> {
    const check = signingSecret
      ? startSignatureCheck(
          signingSecret,
          firstHeader(request, SIGNATURE_HEADER),
          this.config.execution.WEBHOOK_SIGNATURE_TOLERANCE_SECONDS,
        )
      : null;
    if (typeof check === 'string') throw new UnauthorizedException(`Webhook signature refused: ${check}`);
    const form = await this.intake.receive(ownerId, request, {
      maxFiles: WEBHOOK_MAX_FILES,
      onRawChunk: check ? (chunk) => check.update(chunk) : undefined,
    });
    const files = form.files.map(({ file }) => file);
    const problem = check?.problem();
    if (problem) {
      await this.intake.discard(files);
      throw new UnauthorizedException(`Webhook signature refused: ${problem}`);
    }
    const body: WebhookForm['body'] = { ...form.fields };
    for (const { field, file } of form.files) {
      const reference = toFileReference(file);
      const existing = body[field];
      body[field] =
        existing === undefined || typeof existing === 'string'
          ? reference
          : Array.isArray(existing)
            ? [...existing, reference]
            : [existing, reference];
    }
    const stable = { fields: form.fields, files: form.files.map(({ field, file }) => [field, file.originalName, file.sha256]) };
    return { body, files, fingerprint: createHash('sha256').update(JSON.stringify(stable)).digest('base64url') };
  }

  discard(form: WebhookForm): Promise<void> {
    return this.intake.discard(form.files);
  }
}

function firstHeader(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
