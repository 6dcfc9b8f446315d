import { IsIn, IsOptional, IsString, IsUrl } from 'class-validator';
import { EnvBoolean, EnvInt, EnvList } from './env-decorators';

export const NODE_ENVS = ['development', 'test', 'production'] as const;
export type NodeEnv = (typeof NODE_ENVS)[number];

export const DEV_CORS_ORIGINS = 'http://localhost:5173,http://localhost:3000';

export class ServerEnv {
  @IsIn(NODE_ENVS, { message: `NODE_ENV must be one of ${NODE_ENVS.join(', ')}` })
  NODE_ENV: NodeEnv = 'development';

  @EnvInt(0, 65535)
  PORT = 3000;

  @IsString()
  HOST = '0.0.0.0';

  @EnvInt(0, 65535)
  WORKER_PORT = 3001;

  /** Run the queue worker inside the API process (single-process setups). */
  @EnvBoolean()
  WORKER_INLINE = true;

  /** Honour X-Forwarded-For from these proxies: false, true (any), or a comma list of IPs/CIDRs. */
  @IsString()
  TRUST_PROXY = 'false';

  @EnvList()
  @IsString({ each: true })
  CORS_ORIGINS: string[] = DEV_CORS_ORIGINS.split(',');

  /** Time readiness reports 503 before the server stops accepting connections (load balancer drain). */
  @EnvInt(0, 120_000)
  SHUTDOWN_DRAIN_DELAY_MS = 0;

  /** Upper bound for a graceful shutdown; past it the process exits anyway. */
  @EnvInt(1_000, 600_000)
  SHUTDOWN_GRACE_PERIOD_MS = 15_000;

  @EnvBoolean()
  DOCS_ENABLED = true;

  @IsOptional()
  @IsString()
  APP_VERSION?: string;

  /** Where clients reach this API (behind a proxy: its https address); absolute URLs in answers start with it. */
  @IsOptional()
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
    { message: '$property must be an http(s) URL such as https://workflows.example.com' },
  )
  PUBLIC_BASE_URL?: string;
}
