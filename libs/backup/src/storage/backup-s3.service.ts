import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import type { S3Client } from '@aws-sdk/client-s3';
import { createReadStream, createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppConfig } from '@app/config';
import { MANIFEST_FILE } from '../backup.constants';
import { errorMessage } from '@app/common';
import { BackupError } from '../backup.errors';
import { BackupManifest, readManifest } from '../manifest/backup-manifest';
import { isBackupId } from '../util/backup-id.util';
import { createS3Client } from './s3-client.factory';
import { s3Sdk, s3Storage } from './s3-sdk';

const MIN_PART_BYTES = 16 * 1024 * 1024;
const MAX_PARTS = 9_000; // S3 allows 10,000 parts; keep a margin
const UPLOAD_QUEUE = 2; // parts in flight: memory stays at about 2 x partSize
const STORAGE_CLASS = 'STANDARD_IA';

/**
 * The S3 copy of each backup: S3_PREFIX<id>/<artifact>, uploaded with lib-storage (multipart for
 * large artifacts, streaming from disk) in STANDARD_IA, manifest.json last so its presence marks a
 * complete upload. Enabled when S3_BUCKET is set.
 */
@Injectable()
export class BackupS3Service implements OnApplicationShutdown {
  private client?: S3Client;

  constructor(private readonly config: AppConfig) {}

  get enabled(): boolean {
    return Boolean(this.config.backup.S3_BUCKET);
  }

  get prefix(): string {
    const prefix = this.config.backup.S3_PREFIX.replace(/^\/+/, '');
    return prefix && !prefix.endsWith('/') ? `${prefix}/` : prefix;
  }

  uri(id: string): string {
    return `s3://${this.config.backup.S3_BUCKET}/${this.prefix}${id}/`;
  }

  /** Uploads the artifacts then the manifest; on failure removes whatever part of this backup got there. */
  async upload(id: string, dir: string, manifest: BackupManifest, signal: AbortSignal): Promise<string> {
    try {
      for (const artifact of manifest.artifacts)
        await this.uploadFile(id, dir, artifact.file, artifact.size, signal, { sha256: artifact.sha256 });
      await this.uploadFile(id, dir, MANIFEST_FILE, 0, signal, {});
      return this.uri(id);
    } catch (error) {
      await this.delete(id).catch(() => undefined);
      throw new BackupError('s3', `upload to ${this.where()} failed: ${describeS3Error(error)}`, { cause: error });
    }
  }

  /** Every backup id under the prefix with the files it holds there. */
  async list(): Promise<Map<string, Set<string>>> {
    const backups = new Map<string, Set<string>>();
    for (const key of await this.keys(this.prefix)) {
      const [id, file] = key.slice(this.prefix.length).split('/');
      if (!file || !isBackupId(id)) continue;
      backups.set(id, (backups.get(id) ?? new Set()).add(file));
    }
    return backups;
  }

  async delete(id: string): Promise<void> {
    const keys = await this.keys(`${this.prefix}${id}/`);
    for (let start = 0; start < keys.length; start += 1000) {
      const batch = keys.slice(start, start + 1000).map((Key) => ({ Key }));
      await this.s3().send(
        new (s3Sdk().DeleteObjectsCommand)({ Bucket: this.config.backup.S3_BUCKET, Delete: { Objects: batch, Quiet: true } }),
      );
    }
  }

  /** Downloads one backup (manifest first, then what it lists) into `dir`. */
  async download(id: string, dir: string): Promise<void> {
    try {
      await this.downloadFile(id, MANIFEST_FILE, dir);
      // Validated: artifact names are plain known file names, so a tampered manifest cannot write elsewhere.
      const manifest = await readManifest(dir);
      for (const artifact of manifest.artifacts) await this.downloadFile(id, artifact.file, dir);
    } catch (error) {
      throw new BackupError('s3', `download of ${this.uri(id)} failed: ${describeS3Error(error)}`, { cause: error });
    }
  }

  onApplicationShutdown(): void {
    this.client?.destroy();
  }

  private async uploadFile(
    id: string,
    dir: string,
    file: string,
    size: number,
    signal: AbortSignal,
    metadata: Record<string, string>,
  ): Promise<void> {
    const abortController = new AbortController();
    const abort = () => abortController.abort();
    signal.addEventListener('abort', abort, { once: true });
    try {
      await new (s3Storage().Upload)({
        client: this.s3(),
        params: {
          Bucket: this.config.backup.S3_BUCKET,
          Key: `${this.prefix}${id}/${file}`,
          Body: createReadStream(join(dir, file)),
          StorageClass: STORAGE_CLASS,
          Metadata: metadata,
        },
        partSize: Math.max(MIN_PART_BYTES, Math.ceil(size / MAX_PARTS)),
        queueSize: UPLOAD_QUEUE,
        leavePartsOnError: false,
        abortController,
      }).done();
    } finally {
      signal.removeEventListener('abort', abort);
    }
  }

  private async downloadFile(id: string, file: string, dir: string): Promise<void> {
    const object = await this.s3().send(
      new (s3Sdk().GetObjectCommand)({ Bucket: this.config.backup.S3_BUCKET, Key: `${this.prefix}${id}/${file}` }),
    );
    await pipeline(object.Body as Readable, createWriteStream(join(dir, file)));
  }

  private async keys(prefix: string): Promise<string[]> {
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const page = await this.s3().send(
        new (s3Sdk().ListObjectsV2Command)({ Bucket: this.config.backup.S3_BUCKET, Prefix: prefix, ContinuationToken: token }),
      );
      keys.push(...(page.Contents ?? []).flatMap((object) => (object.Key ? [object.Key] : [])));
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return keys;
  }

  private where(): string {
    return `${this.config.backup.S3_ENDPOINT ?? 'AWS S3'} bucket ${this.config.backup.S3_BUCKET}`;
  }

  private s3(): S3Client {
    this.client ??= createS3Client(this.config.backup);
    return this.client;
  }
}

/** SDK errors often carry only a name (e.g. "UnknownError") with the network cause underneath. */
export function describeS3Error(error: unknown): string {
  const parts = new Set<string>();
  for (
    let current = error as { name?: string; message?: string; code?: string; cause?: unknown } | undefined, depth = 0;
    current && depth < 4;
    depth++
  ) {
    if (current.message) parts.add(current.message);
    else if (current.code || current.name) parts.add(String(current.code ?? current.name));
    current = current.cause as typeof current;
  }
  if ((error as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode)
    parts.add(`HTTP ${(error as { $metadata: { httpStatusCode: number } }).$metadata.httpStatusCode}`);
  return [...parts].join(': ') || errorMessage(error);
}
