import { randomUUID } from 'node:crypto';
import { Server } from 'node:http';
import request from 'supertest';
import { ExecutionStatus, PrismaService } from '@app/database';
import { RetentionService } from '@app/executions';
import { registerUser } from '../support/auth';
import { startTestApi, TestApi } from '../support/test-app';
import { AuthHeader, chain, createWorkflow, runWorkflow, waitForExecution } from '../support/workflows';

const DAY = 86_400_000;
const RETENTION_DAYS = 7;

describe('retention pruning (EXECUTION_RETENTION_DAYS)', () => {
  let api: TestApi;
  let server: Server;
  let prisma: PrismaService;
  let auth: AuthHeader;
  let userId: string;
  let workflowId: string;
  let versionId: string;

  beforeAll(async () => {
    api = await startTestApi({ EXECUTION_RETENTION_DAYS: String(RETENTION_DAYS) });
    server = api.app.getHttpServer();
    prisma = api.app.get(PrismaService);
    const registered = await registerUser(server);
    auth = registered.authHeader;
    userId = registered.user.id;
    workflowId = (
      await createWorkflow(server, auth, {
        name: 'old runs',
        definition: chain({ id: 'a', type: 'data.set', params: { fields: { a: '1' } } }),
      })
    ).id;
    versionId = (await prisma.workflowVersion.findFirstOrThrow({ where: { workflowId } })).id;
  });
  afterAll(() => api?.close());

  /** An execution row (with two steps) written straight to the database, createdAt `ageDays` ago. */
  async function insertExecution(status: ExecutionStatus, ageDays: number, extra: { retryOfId?: string } = {}): Promise<string> {
    const createdAt = new Date(Date.now() - ageDays * DAY);
    const finished = !['QUEUED', 'RUNNING'].includes(status);
    const execution = await prisma.execution.create({
      data: {
        workflowId,
        workflowVersionId: versionId,
        userId,
        status,
        trigger: 'MANUAL',
        input: {},
        createdAt,
        queuedAt: createdAt,
        startedAt: status === 'QUEUED' ? null : createdAt,
        finishedAt: finished ? createdAt : null,
        ...extra,
        steps: {
          create: [
            { nodeId: 'start', nodeType: 'trigger.manual', sequence: 0, status: 'SUCCEEDED', createdAt },
            { nodeId: 'a', nodeType: 'data.set', sequence: 1, status: finished ? 'SUCCEEDED' : 'RUNNING', createdAt },
          ],
        },
      },
    });
    return execution.id;
  }

  const exists = async (ids: string[]) =>
    (await prisma.execution.findMany({ where: { id: { in: ids } }, select: { id: true } })).map((e) => e.id).sort();
  const stepsOf = (ids: string[]) => prisma.executionStep.count({ where: { executionId: { in: ids } } });

  it('deletes finished executions older than the retention (with their steps); keeps recent and unfinished ones', async () => {
    const oldFinished = [
      await insertExecution('SUCCEEDED', RETENTION_DAYS + 1),
      await insertExecution('FAILED', 40),
      await insertExecution('CANCELLED', 400),
      await insertExecution('TIMED_OUT', RETENTION_DAYS + 0.1),
    ];
    const oldUnfinished = [await insertExecution('RUNNING', 40), await insertExecution('QUEUED', 40)];
    const recent = [await insertExecution('SUCCEEDED', RETENTION_DAYS - 1), await insertExecution('FAILED', 0.5)];
    // A recent retry of an old failure: pruning the original must not take the retry with it.
    const retry = await insertExecution('SUCCEEDED', 1, { retryOfId: oldFinished[1] });
    const live = await waitForExecution(server, auth, await runWorkflow(server, auth, workflowId));
    expect(live.status).toBe('SUCCEEDED');
    expect(await stepsOf(oldFinished)).toBe(8);

    const deleted = await api.app.get(RetentionService).prune();

    expect(deleted).toBe(oldFinished.length);
    expect(await exists(oldFinished)).toEqual([]);
    expect(await stepsOf(oldFinished)).toBe(0);
    const kept = [...oldUnfinished, ...recent, retry, live.id];
    expect(await exists(kept)).toEqual([...kept].sort());
    expect(await stepsOf(kept)).toBe(kept.length * 2);
    expect((await prisma.execution.findUniqueOrThrow({ where: { id: retry } })).retryOfId).toBeNull();

    await request(server).get(`/executions/${oldFinished[0]}`).set(auth).expect(404);
    await request(server).get(`/executions/${live.id}`).set(auth).expect(200);
    expect(await api.app.get(RetentionService).prune()).toBe(0); // nothing left to prune
  });

  it('prunes in batches until nothing old is left', async () => {
    const createdAt = new Date(Date.now() - 30 * DAY);
    const rows = Array.from({ length: 1_050 }, () => ({
      id: randomUUID(),
      workflowId,
      workflowVersionId: versionId,
      userId,
      status: 'SUCCEEDED' as const,
      trigger: 'MANUAL' as const,
      createdAt,
      queuedAt: createdAt,
    }));
    await prisma.execution.createMany({ data: rows });
    await prisma.executionStep.createMany({
      data: rows
        .slice(0, 500)
        .map((r) => ({ executionId: r.id, nodeId: 'start', nodeType: 'trigger.manual', sequence: 0, status: 'SUCCEEDED' as const })),
    });

    expect(await api.app.get(RetentionService).prune()).toBe(rows.length);
    expect(
      await prisma.execution.count({
        where: { createdAt: { lt: new Date(Date.now() - RETENTION_DAYS * DAY) }, status: { notIn: ['QUEUED', 'RUNNING'] } },
      }),
    ).toBe(0);
    expect(await stepsOf(rows.map((r) => r.id))).toBe(0);
  });
});
