import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** Reads ./.env (or ENV_FILE) into process.env without overriding variables already set. */
export function loadEnvFile(path = process.env.ENV_FILE ?? '.env'): void {
  const file = resolve(path);
  if (existsSync(file)) process.loadEnvFile(file);
}
