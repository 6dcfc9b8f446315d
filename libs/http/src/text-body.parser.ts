import { FastifyInstance, FastifyRequest } from 'fastify';

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Bodies that are not JSON or a form (text/plain, XML, ...) arrive as text and keep their raw bytes in
 * `rawBody`, so a signature over them can be checked. JSON and forms are Nest's own parsers.
 */
export function installTextBodyParser(instance: FastifyInstance): void {
  instance.removeContentTypeParser(['text/plain']);
  instance.addContentTypeParser('*', { parseAs: 'buffer' }, (request: FastifyRequest & { rawBody?: Buffer }, body: Buffer, done) => {
    request.rawBody = body;
    try {
      done(null, UTF8.decode(body));
    } catch {
      done(Object.assign(new Error('The request body is not valid UTF-8 text'), { statusCode: 400 }), undefined);
    }
  });
}
