import { LookupAddress } from 'node:dns';
import { SsrfGuard } from '@app/common';
import { NodeFailure } from './node-type';

/**
 * The address a node's client should connect to, resolved and checked by the SSRF guard here, so the
 * client connects to this IP (not the name again: a second lookup could answer elsewhere — DNS rebinding).
 */
export function guardedAddress(guard: SsrfGuard, host: string, what: string): Promise<string> {
  return new Promise((resolve, reject) => {
    guard.lookup(host, { all: true }, (error, addresses) => {
      if (!error) return resolve((addresses as unknown as LookupAddress[])[0].address);
      const refused = (error as { code?: string }).code === 'ESSRF';
      reject(new NodeFailure(`${what} host ${host}: ${error.message}`, refused || (error as { code?: string }).code === 'ENOTFOUND'));
    });
  });
}
