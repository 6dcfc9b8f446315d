import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { loadConfig } from '@app/config';
import { createOpenApiDocument } from '@app/http';
import { AppModule } from '../app.module';

/** The committed contract files, relative to the repository root; `npm run openapi` rewrites both. */
export const OPENAPI_FILES = { document: 'openapi.json', types: 'apps/web/src/api/schema.d.ts' } as const;

export interface RenderedOpenApi {
  document: string;
  types: string;
}

/**
 * Resolves the API's modules (no providers run, no migrations, nothing listens) and renders the
 * OpenAPI document and its TypeScript types exactly as they are committed.
 */
export async function renderOpenApi(rootDir: string): Promise<RenderedOpenApi> {
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    BACKUP_ENABLED: 'false',
    MIGRATE_ON_START: 'false',
    // Never connected to (preview mode), only validated.
    DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/workflow_platform',
  });
  // Preview mode resolves the module graph without instantiating providers: nothing connects anywhere.
  const app = await NestFactory.create(AppModule.register(config), new FastifyAdapter(), { preview: true, logger: false });
  try {
    const document = `${JSON.stringify(createOpenApiDocument(app), null, 2)}\n`;
    const types = execFileSync(process.execPath, [join(rootDir, 'scripts/openapi-types.js')], {
      input: document,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    return { document, types };
  } finally {
    await app.close();
  }
}
