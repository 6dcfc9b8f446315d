import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { generateSecrets } from '../../libs/config/src/secrets-generator';
import { validateEnvironment } from '../../libs/config/src/validate-environment';
import { interpolateEnvironment } from './support/compose-interpolation';
import { requiredInProduction } from './support/config-variables';
import { repoPath } from './support/paths';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Service = Record<string, any>;

// merge: resolve the `<<: *anchor` keys the way Docker Compose does.
const compose = parse(readFileSync(repoPath('docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
};
const services = compose.services;
const APP_SERVICES = ['migrate', 'api', 'worker'];
const LONG_RUNNING = ['postgres', 'redis', 'api', 'worker'];

/** `environment:` as a map, whether written as a map or as a list of NAME=value. */
function environment(service: Service): Record<string, string> {
  const env = service.environment ?? {};
  if (!Array.isArray(env)) return env as Record<string, string>;
  return Object.fromEntries((env as string[]).map((line) => [line.split('=')[0], line.slice(line.indexOf('=') + 1)]));
}

describe('docker-compose.yml', () => {
  it('defines postgres 15, redis 7, migrate, api and worker', () => {
    expect(Object.keys(services).sort()).toEqual(['api', 'migrate', 'postgres', 'redis', 'worker']);
    expect(services.postgres.image).toMatch(/^postgres:15\b/);
    expect(services.redis.image).toMatch(/^redis:7\b/);
  });

  it('runs the one image as migrate (cli migrate), api and worker', () => {
    const images = APP_SERVICES.map((name) => services[name].image);
    expect(new Set(images).size).toBe(1);
    expect(services.migrate.command).toEqual(['cli', 'migrate']);
    expect(services.migrate.restart).toBe('no');
    expect(services.api.command).toEqual(['api']);
    expect(services.worker.command).toEqual(['worker']);
  });

  it.each(LONG_RUNNING)('gives %s a healthcheck', (name) => {
    const test = services[name].healthcheck?.test as string[] | undefined;
    expect(test?.[0]).toMatch(/^CMD(-SHELL)?$/);
    expect(test!.slice(1).join(' ')).not.toBe('');
  });

  it('checks the apps on their own ports', () => {
    expect(services.api.healthcheck.test.join(' ')).toContain('127.0.0.1:3000/health/');
    expect(services.worker.healthcheck.test.join(' ')).toContain('127.0.0.1:3001/health/');
  });

  it('starts migrate on a healthy database, and the apps after migrate succeeded', () => {
    expect(services.migrate.depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
    for (const name of ['api', 'worker'])
      expect(services[name].depends_on).toEqual({
        postgres: { condition: 'service_healthy' },
        redis: { condition: 'service_healthy' },
        migrate: { condition: 'service_completed_successfully' },
      });
  });

  it('keeps postgres, redis, uploads and backups on named volumes', () => {
    expect(Object.keys(compose.volumes).sort()).toEqual(['backups', 'postgres-data', 'redis-data', 'uploads']);
    expect(services.postgres.volumes).toContain('postgres-data:/var/lib/postgresql/data');
    expect(services.redis.volumes).toContain('redis-data:/data');
    for (const name of ['api', 'worker']) {
      const env = environment(services[name]);
      expect(services[name].volumes).toEqual(expect.arrayContaining([`uploads:${env.UPLOAD_DIR}`, `backups:${env.BACKUP_DIR}`]));
    }
  });

  it.each(APP_SERVICES)('reads an optional .env into %s', (name) => {
    expect(services[name].env_file).toContainEqual({ path: '.env', required: false });
  });

  describe.each(APP_SERVICES)('%s environment', (name) => {
    const env = environment(services[name]);

    it('defaults to production', () => {
      expect(env.NODE_ENV).toBe('${NODE_ENV:-production}');
    });

    it.each(requiredInProduction())('wires %s, required in production', (variable) => {
      expect(env[variable]).toEqual(expect.any(String));
      expect(env[variable].trim()).not.toBe('');
    });

    it('uses the migrate service and the worker service instead of doing both in the api', () => {
      expect(env).toMatchObject({ MIGRATE_ON_START: 'false', WORKER_INLINE: 'false' });
    });

    it('points at the postgres and redis services', () => {
      expect(env.DATABASE_URL).toMatch(/^postgresql:\/\/.*@postgres:5432\//);
      expect(env.DATABASE_URL).toContain('${POSTGRES_PASSWORD:?');
      expect(env.REDIS_URL).toMatch(/^redis:\/\/redis:6379\b/);
    });
  });

  describe('with a filled-in .env', () => {
    const secrets = Object.fromEntries(generateSecrets().map((line) => [line.split('=')[0], line.slice(line.indexOf('=') + 1)]));
    const dotEnv = {
      ...secrets,
      POSTGRES_PASSWORD: 'Xk9-v2Lq7TzR4mWc',
      CORS_ORIGINS: 'https://app.example.com',
      PUBLIC_BASE_URL: 'https://workflows.example.com',
    };

    it.each(APP_SERVICES)('gives %s a configuration the production rules accept', (name) => {
      const env = interpolateEnvironment(environment(services[name]), dotEnv);
      expect(env.NODE_ENV).toBe('production');
      expect(validateEnvironment(env).problems).toEqual([]);
    });

    const mustBeGiven = ['JWT_SECRET', 'ENCRYPTION_KEY', 'CORS_ORIGINS', 'PUBLIC_BASE_URL', 'POSTGRES_PASSWORD'];
    it.each(APP_SERVICES.flatMap((name) => mustBeGiven.map((variable) => [name, variable])))(
      'stops compose (%s) when .env lacks %s',
      (name, variable) => {
        const env = environment(services[name]);
        expect(() => interpolateEnvironment(env, { ...dotEnv, [variable]: undefined })).toThrow(
          `required variable ${variable} is missing a value`,
        );
      },
    );
  });

  it('requires the same variables the config code requires', () => {
    // Guards the derivation itself: if the production rules change, this list changes with them.
    expect(requiredInProduction()).toEqual(
      expect.arrayContaining(['DATABASE_URL', 'REDIS_URL', 'JWT_SECRET', 'ENCRYPTION_KEY', 'CORS_ORIGINS']),
    );
  });
});
