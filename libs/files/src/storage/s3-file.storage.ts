import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import type { S3Client } from '@aws-sdk/client-s3';
import { Readable } from 'node:stream';
import { createS3Client, s3Sdk, s3Storage } from '@app/backup';
import { AppConfig } from '@app/config';
import { ByteRange } from '../byte-range';
import { FileStorage } from './file-storage';

const PART_BYTES = 8 * 1024 * 1024;
const PARTS_IN_FLIGHT = 2; // memory stays at about 2 x PART_BYTES per upload

/** Files in the S3_* bucket under UPLOAD_S3_PREFIX (UPLOAD_STORAGE=s3), streamed in both directions. */
@Injectable()
export class S3FileStorage extends FileStorage implements OnApplicationShutdown {
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly prefix: string;

  constructor(config: AppConfig) {
    super();
    if (!config.backup.S3_BUCKET) throw new Error('UPLOAD_STORAGE=s3 needs S3_BUCKET (and the other S3_* settings)');
    this.bucket = config.backup.S3_BUCKET;
    const prefix = config.upload.UPLOAD_S3_PREFIX.replace(/^\/+/, '');
    this.prefix = prefix && !prefix.endsWith('/') ? `${prefix}/` : prefix;
    this.client = createS3Client(config.backup);
  }

  async put(key: string, content: Readable): Promise<void> {
    // lib-storage aborts its multipart upload on failure, so no partial object stays under the key.
    await new (s3Storage().Upload)({
      client: this.client,
      params: { Bucket: this.bucket, Key: this.prefix + key, Body: content },
      partSize: PART_BYTES,
      queueSize: PARTS_IN_FLIGHT,
    }).done();
  }

  async read(key: string, range?: ByteRange): Promise<Readable> {
    const object = await this.client.send(
      new (s3Sdk().GetObjectCommand)({
        Bucket: this.bucket,
        Key: this.prefix + key,
        Range: range ? `bytes=${range.start}-${range.end}` : undefined,
      }),
    );
    return object.Body as Readable;
  }

  async remove(key: string): Promise<void> {
    await this.client.send(new (s3Sdk().DeleteObjectCommand)({ Bucket: this.bucket, Key: this.prefix + key }));
  }

  onApplicationShutdown(): void {
    this.client.destroy();
  }
}
