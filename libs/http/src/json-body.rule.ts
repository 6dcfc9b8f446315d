import { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Routes that take any body as it comes (forms, text, XML): the public webhook triggers. */
const RAW_BODY_ROUTES = /^\/webhook\//;
/** Routes that take multipart/form-data (file uploads) instead of JSON. */
const MULTIPART_ROUTES = /^\/files$/;

function hasBody(request: FastifyRequest): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && Number(length) > 0);
}

function mediaTypeOf(request: FastifyRequest): string | undefined {
  return request.headers['content-type']?.split(';')[0].trim().toLowerCase() || undefined;
}

/**
 * The API's bodies are JSON. Without this, `curl -d '{...}'` (a form) reaches validation as one odd
 * property name and the caller reads "property {...} should not exist"; a 415 says what to change.
 */
export function installJsonBodyRule(instance: FastifyInstance): void {
  instance.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const route = request.routeOptions.url;
    if (!route || RAW_BODY_ROUTES.test(route) || !hasBody(request)) return;
    const mediaType = mediaTypeOf(request);
    if (mediaType === 'application/json' || (mediaType === 'multipart/form-data' && MULTIPART_ROUTES.test(route))) return;
    const got = mediaType ? `Content-Type ${mediaType}` : 'no Content-Type';
    return reply.code(415).send({
      statusCode: 415,
      error: 'Unsupported Media Type',
      message: `This endpoint takes a JSON body sent with Content-Type: application/json (got ${got})`,
    });
  });
}
