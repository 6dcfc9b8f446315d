import { AppConfig } from './app-config';

/** PUBLIC_BASE_URL without a trailing slash; unset (never in production): this process on loopback. */
export function publicBaseUrl(config: AppConfig): string {
  return (config.server.PUBLIC_BASE_URL ?? `http://127.0.0.1:${config.server.PORT}`).replace(/\/+$/, '');
}
