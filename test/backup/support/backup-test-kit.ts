import { S3Client } from '@aws-sdk/client-s3';
import { PrismaPg } from '@prisma/adapter-pg';
import { createHash, randomBytes } from 'node:crypto';
import { createServer, Server } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import Redis from 'ioredis';
import { Client } from 'pg';
import { PrismaClient } from '@app/database';
import { AppProcess, freePort } from '../../support/processes';

export const S3_BUCKET = 'wp-backups';
export const S3_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `${prefix}-`));
}

export function testPrefix(): string {
  return `wp-test-backup-${randomBytes(4).toString('hex')}:`;
}

/** Runs the compiled CLI to completion; `log` is stdout and stderr together. */
export async function runCli(env: Record<string, string>, args: string[]): Promise<{ code: number | null; log: string }> {
  const cli = AppProcess.spawn('cli', env, args);
  const code = await cli.exited;
  return { code, log: cli.log };
}

export function backupIdFrom(log: string): string {
  const match = /id:\s+(\S+)/.exec(log);
  if (!match) throw new Error(`no backup id in the output:\n${log}`);
  return match[1];
}

export function prismaFor(url: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
}

/** Rows in the main tables, with the awkward values a dump must carry: unicode, newlines, JSON, arrays, big ints. */
export async function seedDomain(url: string): Promise<void> {
  const prisma = prismaFor(url);
  try {
    for (let u = 0; u < 3; u++) {
      const user = await prisma.user.create({
        data: { email: `user${u}@example.com`, name: `Zoë "${u}"\nO'Brien`, passwordHash: 'x', tier: u === 0 ? 'PRO' : 'FREE' },
      });
      await prisma.apiKey.create({
        data: {
          userId: user.id,
          name: 'k',
          prefix: `wp_${u}`,
          keyHash: createHash('sha256').update(`k${u}`).digest('hex'),
          scope: 'READ_ONLY',
        },
      });
      await prisma.fileUpload.create({
        data: {
          userId: user.id,
          originalName: 'ü.txt',
          storageKey: `k/${u}`,
          mimeType: 'text/plain',
          sizeBytes: 2n ** 40n + BigInt(u),
          sha256: 'b'.repeat(64),
        },
      });
      for (let w = 0; w < 2; w++) {
        const workflow = await prisma.workflow.create({
          data: { userId: user.id, name: `wf ${u}.${w}`, tags: ['a', 'b c'], description: 'tab\there; emoji 🚀' },
        });
        const version = await prisma.workflowVersion.create({
          data: { workflowId: workflow.id, version: 1, definition: { nodes: [{ id: 'n1', type: 'trigger.manual' }], edges: [] } },
        });
        for (let e = 0; e < 5; e++) {
          const execution = await prisma.execution.create({
            data: {
              workflowId: workflow.id,
              workflowVersionId: version.id,
              userId: user.id,
              trigger: 'MANUAL',
              status: 'SUCCEEDED',
              input: { e, nested: { list: [1, null, 'x'] } },
              output: { ok: true },
            },
          });
          await prisma.executionStep.create({
            data: {
              executionId: execution.id,
              nodeId: 'n1',
              nodeType: 'trigger.manual',
              sequence: 0,
              status: 'SUCCEEDED',
              output: { n: e },
            },
          });
        }
      }
    }
    await prisma.auditLog.create({ data: { action: 'login.failed', metadata: { ip: '10.0.0.1' } } });
  } finally {
    await prisma.$disconnect();
  }
}

/**
 * md5 of every table's rows (as text, in a stable order), keyed by table. `where` narrows a table, e.g.
 * backup_records without the run's own row (written after the dump's snapshot, by design).
 */
export async function tableChecksums(url: string, where: Record<string, string> = {}): Promise<Record<string, string>> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ name: string }>(
      `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`,
    );
    const sums: Record<string, string> = {};
    for (const { name } of tables) {
      const filter = where[name] ? `WHERE ${where[name]}` : '';
      const { rows } = await client.query<{ sum: string | null; n: string }>(
        `SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) AS sum, count(*) AS n FROM "${name}" t ${filter}`,
      );
      sums[name] = `${rows[0].n}:${rows[0].sum ?? 'empty'}`;
    }
    return sums;
  } finally {
    await client.end();
  }
}

/** An upload tree with nested folders, binary and empty files, odd names. */
export async function writeUploads(dir: string, extra: Record<string, Buffer> = {}): Promise<void> {
  const files: Record<string, Buffer> = {
    'a/b/c.json': Buffer.from('{"hello":"wörld"}\n'),
    'a/random.bin': randomBytes(200_000),
    'empty.txt': Buffer.alloc(0),
    'name with spaces & ünïcode.txt': Buffer.from('x'),
    ...extra,
  };
  for (const [path, content] of Object.entries(files)) {
    await mkdir(join(dir, path, '..'), { recursive: true });
    await writeFile(join(dir, path), content);
  }
}

/** relative path -> sha256 of every file (and "dir" for folders) under a directory. */
export async function treeDigest(root: string): Promise<Record<string, string>> {
  const digest: Record<string, string> = {};
  const walk = async (dir: string) => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        digest[relative(root, path)] = 'dir';
        await walk(path);
      } else
        digest[relative(root, path)] = createHash('sha256')
          .update(await readFile(path))
          .digest('hex');
    }
  };
  await walk(root);
  return digest;
}

export async function sha256File(path: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(path))
    .digest('hex');
}

interface S3rverInstance {
  run(): Promise<unknown>;
  close(): Promise<void>;
}

/** s3rver (S3 on the local filesystem) on a free loopback port, with the backup bucket created. */
export async function startS3(): Promise<{ endpoint: string; dir: string; client: S3Client; close: () => Promise<void> }> {
  // s3rver ships no type declarations.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const S3rver = require('s3rver') as new (options: Record<string, unknown>) => S3rverInstance;
  const dir = tempDir('wp-s3rver');
  const port = await freePort();
  const server = new S3rver({ address: '127.0.0.1', port, directory: dir, silent: true, configureBuckets: [{ name: S3_BUCKET }] });
  await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials: S3_CREDENTIALS });
  return {
    endpoint,
    dir,
    client,
    close: async () => {
      client.destroy();
      await server.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A local HTTP listener standing in for a Slack incoming webhook; collects the `text` of each POST. */
export async function startSlack(): Promise<{ url: string; messages: string[]; close: () => Promise<void> }> {
  const messages: string[] = [];
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      messages.push((JSON.parse(body) as { text: string }).text);
      response.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}/services/T000/B000/XXXX`,
    messages,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export async function deleteRedisKeys(prefix: string, url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'): Promise<void> {
  const redis = new Redis(url);
  try {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
  } finally {
    redis.disconnect();
  }
}
