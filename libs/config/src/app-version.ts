import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

function readPackageVersion(): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    try {
      return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
    } catch {
      // not this folder; keep walking up
    }
  }
  return 'unknown';
}

export const APP_VERSION = process.env.APP_VERSION ?? readPackageVersion();
