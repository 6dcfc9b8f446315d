// Imported first by main.ts (API and worker): reads .env, then starts Sentry when SENTRY_DSN is set,
// before the modules Sentry instruments (http, Fastify, pg, ioredis) are loaded. Without a DSN it does
// nothing, and does not even load Sentry (~35 MB and a few hundred ms at start).
// process.env is read directly: this runs before the configuration is validated.
import './v8-flags';
import { loadEnvFile } from '@app/config';
// A deep import on purpose: @app/monitoring's index would load Nest modules, Prisma and Redis first.
import { sentryOptions } from '../../../libs/monitoring/src/sentry/sentry-options';

loadEnvFile();
const options = sentryOptions(process.env);
// eslint-disable-next-line @typescript-eslint/no-require-imports
if (options) (require('@sentry/nestjs') as typeof import('@sentry/nestjs')).init(options);
