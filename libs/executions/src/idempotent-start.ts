import { BadRequestException, createParamDecorator, ExecutionContext } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { FastifyRequest } from 'fastify';
import { Prisma, PrismaService } from '@app/database';
import { ExecutionRow } from './execution-row';

// Stored with a prefix (and, for retries, the execution id) in a 200-character column.
const KEY_PATTERN = /^[\w.:-]{1,150}$/;
/** Stored keys are namespaced: a console run's key never collides with a webhook caller's on the same workflow. */
const STORED_PREFIX = { run: 'run:', retry: 'retry:' } as const;
export type StartKind = keyof typeof STORED_PREFIX;

export const IdempotencyKeyHeader = () =>
  ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Repeats with the same key (within the workflow) answer the execution the first one started, instead of starting another',
  });

/** The validated `Idempotency-Key` header, or null when absent (400 when malformed). */
export const IdempotencyKey = createParamDecorator((_data: unknown, ctx: ExecutionContext): string | null => {
  const value = ctx.switchToHttp().getRequest<FastifyRequest>().headers['idempotency-key'];
  if (value === undefined) return null;
  if (typeof value !== 'string' || !KEY_PATTERN.test(value))
    throw new BadRequestException('Idempotency-Key must be 1-150 characters of letters, digits, . _ : -');
  return value;
});

export function storedKey(kind: StartKind, key: string): string {
  return `${STORED_PREFIX[kind]}${key}`;
}

/** The execution a request with this key already started, if any. */
export function startedWithKey(prisma: PrismaService | Prisma.TransactionClient, workflowId: string, stored: string) {
  return prisma.execution.findUnique({ where: { workflowId_idempotencyKey: { workflowId, idempotencyKey: stored } } });
}

/** Records a keyed row on its own (not in a shared group commit, which one duplicate would fail whole). */
export async function recordKeyedRow(prisma: PrismaService, row: ExecutionRow): Promise<void> {
  const { input, output: _output, ...fields } = row;
  await prisma.execution.create({ data: { ...fields, input: input as unknown as Prisma.InputJsonValue, output: Prisma.DbNull } });
}
