import { Stream } from 'node:stream';
import { ValidationPipe } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppConfig } from '@app/config';
import { requestContexts } from '@app/logging';
import { AllExceptionsFilter } from './all-exceptions.filter';
import { REQUEST_ID_HEADER } from './fastify-adapter.factory';
import { installInputGuard } from './input-guard';
import { installJsonBodyRule } from './json-body.rule';
import { installTextBodyParser } from './text-body.parser';
import { createOpenApiDocument, OPENAPI_TITLE } from './openapi-document';

/** Everything an HTTP app needs besides its modules; main.ts and the e2e tests both call it. */
export function configureApp(app: NestFastifyApplication, config: AppConfig, title = OPENAPI_TITLE): void {
  app.useLogger(app.get(Logger));
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.header(REQUEST_ID_HEADER, request.id);
    requestContexts.begin(request.raw, reply.raw);
    done();
  });
  fastify.addHook('onSend', (_request, reply, payload, done) => {
    if (payload instanceof Stream) requestContexts.settled(reply.raw);
    done();
  });
  installJsonBodyRule(fastify);
  installTextBodyParser(fastify);
  installInputGuard(fastify);
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
  app.useGlobalFilters(new AllExceptionsFilter());
  app.enableCors({ origin: config.server.CORS_ORIGINS, credentials: true });
  if (config.server.DOCS_ENABLED) setUpDocs(app, title);
}

function setUpDocs(app: NestFastifyApplication, title: string): void {
  SwaggerModule.setup('docs', app, createOpenApiDocument(app, title), { jsonDocumentUrl: 'docs-json' });
}
