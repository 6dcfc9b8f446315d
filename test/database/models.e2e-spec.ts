import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@app/database';
import { createTestDatabase } from '../support/test-database';

/**
 * Every model created, read, updated and deleted through the generated client against a database
 * built only from the migrations: schema.prisma and migration.sql cannot drift apart unnoticed.
 */
describe('schema.prisma matches the migrations', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let prisma: PrismaClient;

  beforeAll(async () => {
    db = await createTestDatabase();
    prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: db.url }) });
  });

  afterAll(async () => {
    await prisma?.$disconnect();
    await db?.drop();
  });

  it('supports create, read, update and delete on every model', async () => {
    const user = await prisma.user.create({ data: { email: 'a@example.com', name: 'A', passwordHash: 'x', tier: 'PRO' } });
    const workflow = await prisma.workflow.create({ data: { userId: user.id, name: 'wf', tags: ['t1', 't2'] } });
    const version = await prisma.workflowVersion.create({
      data: { workflowId: workflow.id, version: 1, definition: { nodes: [], edges: [] } },
    });
    const execution = await prisma.execution.create({
      data: { workflowId: workflow.id, workflowVersionId: version.id, userId: user.id, trigger: 'MANUAL', input: { a: 1 } },
    });
    const channel = await prisma.notificationChannel.create({
      data: { userId: user.id, type: 'SLACK', name: 'ops', encryptedSecret: 'c' },
    });

    const created: Record<string, { id: string }> = {
      user,
      apiKey: await prisma.apiKey.create({
        data: { userId: user.id, name: 'k', prefix: 'wp_abc', keyHash: 'a'.repeat(64), scope: 'RUN_ONLY' },
      }),
      workflow,
      workflowVersion: version,
      webhook: await prisma.webhook.create({ data: { workflowId: workflow.id, path: 'p1', method: 'POST', mode: 'SYNC' } }),
      schedule: await prisma.schedule.create({
        data: { workflowId: workflow.id, nodeId: 'cron', cron: '* * * * *', timezone: 'Europe/Paris' },
      }),
      execution,
      executionStep: await prisma.executionStep.create({
        data: { executionId: execution.id, nodeId: 'n1', nodeType: 'data.set', sequence: 0, output: { ok: true } },
      }),
      executionCallback: await prisma.executionCallback.create({
        data: { executionId: execution.id, nodeId: 'wait', tokenHash: 'c'.repeat(64), expiresAt: new Date() },
      }),
      credential: await prisma.credential.create({ data: { userId: user.id, name: 'c', type: 'http', encryptedData: 'enc' } }),
      fileUpload: await prisma.fileUpload.create({
        data: {
          userId: user.id,
          originalName: 'a.txt',
          storageKey: 'k/a',
          mimeType: 'text/plain',
          sizeBytes: 2n ** 40n,
          sha256: 'b'.repeat(64),
        },
      }),
      notificationChannel: channel,
      notificationSubscription: await prisma.notificationSubscription.create({
        data: { userId: user.id, channelId: channel.id, event: 'EXECUTION_FAILED' },
      }),
      notification: await prisma.notification.create({
        data: { userId: user.id, channelId: channel.id, event: 'ALERT_FIRED', title: 't', body: 'b', dedupKey: 'd1' },
      }),
      alertRule: await prisma.alertRule.create({
        data: { userId: user.id, name: 'r', metric: 'QUEUE_DEPTH', threshold: 100, windowSeconds: 300 },
      }),
      performanceSnapshot: await prisma.performanceSnapshot.create({
        data: {
          scope: 'route',
          name: 'GET /x',
          windowStart: new Date(),
          windowEnd: new Date(),
          count: 1,
          errorCount: 0,
          p50Ms: 1,
          p95Ms: 2,
          p99Ms: 3,
          throughput: 0.5,
        },
      }),
      backupRecord: await prisma.backupRecord.create({
        data: { id: '2026-11-25T02-00-00Z', trigger: 'SCHEDULED', location: '/backups/x', sizeBytes: 10n },
      }),
      auditLog: await prisma.auditLog.create({ data: { userId: user.id, action: 'auth.login', metadata: { ip: '::1' } } }),
      pushSubscription: await prisma.pushSubscription.create({
        data: { userId: user.id, endpoint: 'https://push.example.com/s/1', p256dh: 'p', auth: 'a' },
      }),
    };

    const delegates = prisma as unknown as Record<string, { findUniqueOrThrow: Function; update: Function; delete: Function }>;
    const updates: Record<string, object> = {
      user: { tier: 'ENTERPRISE' },
      apiKey: { lastUsedAt: new Date() },
      workflow: { status: 'ACTIVE' },
      workflowVersion: { definition: { nodes: [1] } },
      webhook: { active: true },
      schedule: { active: true },
      execution: { status: 'SUCCEEDED', durationMs: 5 },
      executionStep: { status: 'SUCCEEDED' },
      executionCallback: { status: 'APPROVED', data: { note: 'ok' } },
      credential: { encryptedData: 'enc2' },
      fileUpload: { deletedAt: new Date() },
      notificationChannel: { enabled: false },
      notificationSubscription: { event: 'EXECUTION_SUCCEEDED' },
      notification: { status: 'SENT', attempts: 1 },
      alertRule: { lastTriggeredAt: new Date() },
      performanceSnapshot: { count: 2 },
      backupRecord: { status: 'SUCCEEDED' },
      auditLog: { entityType: 'user' },
      pushSubscription: { deviceName: 'Phone' },
    };
    expect(Object.keys(created).sort()).toEqual(Object.keys(updates).sort());
    expect(Object.keys(created)).toHaveLength(19);

    for (const [model, row] of Object.entries(created)) {
      const found = await delegates[model].findUniqueOrThrow({ where: { id: row.id } });
      expect(found.id).toBe(row.id);
      const updated = await delegates[model].update({ where: { id: row.id }, data: updates[model] });
      expect(updated).toMatchObject(updates[model]);
    }
    // Leaves first, so each delete is the model's own and not a cascade.
    for (const model of [...Object.keys(created)]
      .reverse()
      .filter((m) => !['user', 'workflow', 'workflowVersion', 'execution', 'notificationChannel'].includes(m))) {
      await delegates[model].delete({ where: { id: created[model].id } });
    }
    for (const model of ['execution', 'workflowVersion', 'notificationChannel', 'workflow', 'user']) {
      await delegates[model].delete({ where: { id: created[model].id } });
    }
    expect(await prisma.user.count()).toBe(0);
  });

  it('enforces the deliberate onDelete rules', async () => {
    const user = await prisma.user.create({ data: { email: 'b@example.com', name: 'B', passwordHash: 'x' } });
    const workflow = await prisma.workflow.create({ data: { userId: user.id, name: 'wf' } });
    const version = await prisma.workflowVersion.create({ data: { workflowId: workflow.id, version: 1, definition: {} } });
    const first = await prisma.execution.create({
      data: { workflowId: workflow.id, workflowVersionId: version.id, userId: user.id, trigger: 'WEBHOOK' },
    });
    const retry = await prisma.execution.create({
      data: { workflowId: workflow.id, workflowVersionId: version.id, userId: user.id, trigger: 'RETRY', retryOfId: first.id },
    });
    const child = await prisma.execution.create({
      data: { workflowId: workflow.id, workflowVersionId: version.id, userId: user.id, trigger: 'WORKFLOW', parentExecutionId: first.id },
    });
    await prisma.auditLog.create({ data: { userId: user.id, action: 'auth.register' } });

    await expect(prisma.workflowVersion.delete({ where: { id: version.id } })).rejects.toThrow(); // Restrict: executions pin it
    await prisma.execution.delete({ where: { id: first.id } });
    expect((await prisma.execution.findUniqueOrThrow({ where: { id: retry.id } })).retryOfId).toBeNull(); // SetNull
    expect((await prisma.execution.findUniqueOrThrow({ where: { id: child.id } })).parentExecutionId).toBeNull(); // SetNull
    await prisma.user.delete({ where: { id: user.id } }); // Cascade through workflows, versions, executions
    expect(await prisma.execution.count()).toBe(0);
    expect(await prisma.auditLog.findFirst({ where: { action: 'auth.register' } })).toMatchObject({ userId: null }); // history kept
  });
});
