/* eslint-disable @typescript-eslint/no-require-imports -- loaded on first use, see below */
import type * as ClientS3 from '@aws-sdk/client-s3';
import type * as LibStorage from '@aws-sdk/lib-storage';

// The AWS SDK is ~22 MB resident: it loads with the first S3 call, so a process that never backs up
// to S3 or stores uploads there never loads it.
let clientS3: typeof ClientS3 | undefined;
let libStorage: typeof LibStorage | undefined;

/** @aws-sdk/client-s3, loaded on first use. */
export function s3Sdk(): typeof ClientS3 {
  return (clientS3 ??= require('@aws-sdk/client-s3') as typeof ClientS3);
}

/** @aws-sdk/lib-storage (multipart Upload), loaded on first use. */
export function s3Storage(): typeof LibStorage {
  return (libStorage ??= require('@aws-sdk/lib-storage') as typeof LibStorage);
}
