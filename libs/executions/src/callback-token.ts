import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits, URL-safe: unguessable, and only its hash is stored. */
export const newCallbackToken = () => randomBytes(32).toString('base64url');

export const CALLBACK_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export const callbackTokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

/** Queue job ids: the reconciler reads the execution id before "-resume-" / "-callback-". */
export const callbackResumeJobId = (executionId: string, nodeId: string) => `${executionId}-resume-callback-${nodeId}`;
export const callbackTimeoutJobId = (executionId: string, nodeId: string) => `${executionId}-callback-timeout-${nodeId}`;

export interface CallbackTimeoutJob {
  executionId: string;
  nodeId: string;
}
