import { FastifyReply } from 'fastify';

/** Where a client reads an execution it has just started (the Location of a 202). */
export function executionLocation(executionId: string): string {
  return `/executions/${executionId}`;
}

/** Sets the Location header of a 202 to the started execution, and passes its body through. */
export function withExecutionLocation<T extends { id: string }>(reply: FastifyReply, started: T): T {
  void reply.header('location', executionLocation(started.id));
  return started;
}
