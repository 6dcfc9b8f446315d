import type { S3Client, S3ClientConfig } from '@aws-sdk/client-s3';
import { BackupEnv } from '@app/config';
import { s3Sdk } from './s3-sdk';

/** The S3 client for the configured bucket (S3_* settings); backups and stored files share it. */
export function createS3Client(env: BackupEnv): S3Client {
  const { S3_ENDPOINT, S3_REGION, S3_FORCE_PATH_STYLE, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY } = env;
  const options: S3ClientConfig = {
    region: S3_REGION,
    endpoint: S3_ENDPOINT || undefined,
    forcePathStyle: S3_FORCE_PATH_STYLE,
    maxAttempts: 3,
    requestHandler: { connectionTimeout: 5_000, requestTimeout: 120_000 },
    // Checksums only where S3 requires them: S3-compatible stores (MinIO, s3rver) reject the newer
    // aws-chunked trailing checksums, and each artifact's SHA-256 travels as metadata anyway.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  };
  // Without static keys the SDK's default chain applies (IAM role, IRSA on Kubernetes, env, profile).
  if (S3_ACCESS_KEY_ID && S3_SECRET_ACCESS_KEY)
    options.credentials = { accessKeyId: S3_ACCESS_KEY_ID, secretAccessKey: S3_SECRET_ACCESS_KEY };
  return new (s3Sdk().S3Client)(options);
}
