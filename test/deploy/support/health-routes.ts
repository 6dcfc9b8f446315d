import 'reflect-metadata';
import { posix } from 'node:path';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { HealthController } from '../../../libs/health/src/health.controller';

/** The GET routes HealthController really serves, read from its Nest route metadata (no app booted). */
export function healthRoutes(): string[] {
  const base = Reflect.getMetadata(PATH_METADATA, HealthController) as string;
  const proto = HealthController.prototype as unknown as Record<string, object>;
  return Object.getOwnPropertyNames(proto)
    .filter((name) => name !== 'constructor' && Reflect.getMetadata(METHOD_METADATA, proto[name]) === RequestMethod.GET)
    .map((name) => posix.join('/', base, Reflect.getMetadata(PATH_METADATA, proto[name]) as string).replace(/(.)\/$/, '$1'));
}
