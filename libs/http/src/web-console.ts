import fastifyStatic from '@fastify/static';
import { FastifyInstance, FastifyReply } from 'fastify';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Where `npm run build:web` writes the console (vite.config.ts `outDir`), relative to the repository root. */
export const WEB_CONSOLE_DIST = join('dist', 'web');

// Mantine writes its CSS variables into a <style> element at run time, so styles need 'unsafe-inline';
// scripts stay 'self' only (index.html has no inline script).
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "object-src 'none'",
].join('; ');

/** WEB_CONSOLE_DIR moves the build (tests running side by side each build into their own folder). */
export function defaultWebConsoleDir(): string {
  if (process.env.WEB_CONSOLE_DIR) return process.env.WEB_CONSOLE_DIR;
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir))
    if (existsSync(join(dir, 'package.json'))) return join(dir, WEB_CONSOLE_DIST);
  return join(process.cwd(), WEB_CONSOLE_DIST);
}

/**
 * The web console: GET / → /app/, index.html for /app and every /app/* path (the SPA routes them),
 * hashed files under /assets/. Only these paths: API routes and unknown paths answer as before.
 */
export async function installWebConsole(fastify: FastifyInstance, root = defaultWebConsoleDir()): Promise<void> {
  const built = existsSync(join(root, 'index.html'));
  if (built)
    await fastify.register(fastifyStatic, {
      root: join(root, 'assets'),
      prefix: '/assets/',
      wildcard: true,
      index: false,
      cacheControl: false,
      setHeaders: (res) => res.setHeader('Cache-Control', 'public, max-age=31536000, immutable'),
    });
  const sendIndex = (reply: FastifyReply) => {
    if (!built)
      return reply.code(503).send({
        statusCode: 503,
        error: 'Service Unavailable',
        message: 'The web console is not built: run `npm run build:web` (npm start does it when its sources changed)',
      });
    return reply
      .header('Cache-Control', 'no-cache')
      .header('Content-Security-Policy', CONTENT_SECURITY_POLICY)
      .header('X-Content-Type-Options', 'nosniff')
      .sendFile('index.html', root, { cacheControl: false });
  };
  fastify.get('/', (_request, reply) => reply.redirect('/app/', 302));
  fastify.get('/app', (_request, reply) => sendIndex(reply));
  fastify.get('/app/*', (_request, reply) => sendIndex(reply));
}
