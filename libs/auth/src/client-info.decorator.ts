import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { FastifyRequest } from 'fastify';

/** Where a request came from, for the audit log (ip honours TRUST_PROXY through Fastify). */
export interface ClientInfo {
  ip?: string;
  userAgent?: string;
}

export const ClientInfo = createParamDecorator((_data: unknown, ctx: ExecutionContext): ClientInfo => {
  const request = ctx.switchToHttp().getRequest<FastifyRequest>();
  return { ip: request.ip, userAgent: request.headers['user-agent'] };
});
