import fastifyStatic from '@fastify/static';
import { FastifyInstance, FastifyReply } from 'fastify';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Where `npm run build:web` writes the console (vite.config.ts `outDir`), relative to the repository root. */
export const WEB_CONSOLE_DIST = join('dist', 'web');

// Mantine writes its CSS variables into a <style> element at run time, so styles need 'unsafe-inline';
// scripts stay 'self' only (index.html has no inline script). The service worker and the manifest are
// same-origin; the browser's Sentry (when configured) posts its events to the DSN's origin.
function contentSecurityPolicy(sentryOrigin: string | null): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    `connect-src 'self'${sentryOrigin ? ` ${sentryOrigin}` : ''}`,
    "img-src 'self' data:",
    "worker-src 'self'",
    "manifest-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "object-src 'none'",
  ].join('; ');
}

export interface WebConsoleOptions {
  /** Where the build is (defaultWebConsoleDir() when unset). */
  root?: string;
  /** SENTRY_WEB_DSN: handed to the console in /app/config.json (a browser DSN is public by design). */
  sentryDsn?: string;
  sentryEnvironment?: string;
  release?: string;
}

/** The origin a DSN posts to, or null when there is no (valid) DSN. */
function originOf(dsn: string | undefined): string | null {
  if (!dsn) return null;
  try {
    return new URL(dsn).origin;
  } catch {
    return null;
  }
}

/** WEB_CONSOLE_DIR moves the build (tests running side by side each build into their own folder). */
export function defaultWebConsoleDir(): string {
  if (process.env.WEB_CONSOLE_DIR) return process.env.WEB_CONSOLE_DIR;
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir))
    if (existsSync(join(dir, 'package.json'))) return join(dir, WEB_CONSOLE_DIST);
  return join(process.cwd(), WEB_CONSOLE_DIST);
}

/**
 * The web console: GET / → /app/, index.html for /app and every /app/* path (the SPA routes them),
 * hashed files under /assets/, and the PWA's files: /app/sw.js, /app/manifest.webmanifest, /app/icons/*,
 * /app/offline.html and /app/config.json. Only these paths: API routes and unknown paths answer as before.
 */
export async function installWebConsole(fastify: FastifyInstance, options: WebConsoleOptions = {}): Promise<void> {
  const root = options.root ?? defaultWebConsoleDir();
  const built = existsSync(join(root, 'index.html'));
  const csp = contentSecurityPolicy(originOf(options.sentryDsn));
  if (built)
    await fastify.register(fastifyStatic, {
      root: join(root, 'assets'),
      prefix: '/assets/',
      wildcard: true,
      index: false,
      cacheControl: false,
      setHeaders: (res) => res.setHeader('Cache-Control', 'public, max-age=31536000, immutable'),
    });
  const notBuilt = (reply: FastifyReply) =>
    reply.code(503).send({
      statusCode: 503,
      error: 'Service Unavailable',
      message: 'The web console is not built: run `npm run build:web` (npm start does it when its sources changed)',
    });
  const sendPage = (reply: FastifyReply, file: string) => {
    if (!built) return notBuilt(reply);
    return reply
      .header('Cache-Control', 'no-cache')
      .header('Content-Security-Policy', csp)
      .header('X-Content-Type-Options', 'nosniff')
      .sendFile(file, root, { cacheControl: false });
  };
  // Unhashed files the browser must revalidate, or an update would never reach it.
  const sendFresh = (reply: FastifyReply, file: string, type: string, headers: Record<string, string> = {}) => {
    if (!built || !existsSync(join(root, file))) return notBuilt(reply);
    return reply
      .headers(headers)
      .header('Cache-Control', 'no-cache')
      .header('Content-Type', type)
      .header('X-Content-Type-Options', 'nosniff')
      .sendFile(file, root, { cacheControl: false });
  };
  fastify.get('/', (_request, reply) => reply.redirect('/app/', 302));
  fastify.get('/app', (_request, reply) => sendPage(reply, 'index.html'));
  fastify.get('/app/*', (_request, reply) => sendPage(reply, 'index.html'));
  fastify.get('/app/offline.html', (_request, reply) => sendPage(reply, 'offline.html'));
  fastify.get('/app/sw.js', (_request, reply) =>
    sendFresh(reply, 'sw.js', 'text/javascript; charset=utf-8', { 'Service-Worker-Allowed': '/app/' }),
  );
  fastify.get('/app/manifest.webmanifest', (_request, reply) => sendFresh(reply, 'manifest.webmanifest', 'application/manifest+json'));
  fastify.get<{ Params: { name: string } }>('/app/icons/:name', (request, reply) => {
    const { name } = request.params;
    if (!/^[\w.-]+\.png$/.test(name) || !existsSync(join(root, 'icons', name))) return reply.callNotFound();
    return reply
      .header('Cache-Control', 'public, max-age=86400')
      .header('Content-Type', 'image/png')
      .sendFile(name, join(root, 'icons'), { cacheControl: false });
  });
  const publicConfig = {
    sentry: options.sentryDsn
      ? { dsn: options.sentryDsn, environment: options.sentryEnvironment ?? null, release: options.release ?? null }
      : null,
  };
  // The console's run-time settings, fetched at start (index.html has no inline script to carry them).
  fastify.get('/app/config.json', (_request, reply) => reply.header('Cache-Control', 'no-store').send(publicConfig));
}
