export { AllExceptionsFilter } from './all-exceptions.filter';
export { configureApp } from './configure-app';
export { createFastifyAdapter, parseTrustProxy, REQUEST_ID_HEADER, requestIdOf } from './fastify-adapter.factory';
export { createHttpApp, startHttpApp, type CreateOptions, type StartOptions } from './start-http-app';
export { installWebConsole, WEB_CONSOLE_DIST } from './web-console';
export { inputProblem, installInputGuard, MAX_INPUT_DEPTH } from './input-guard';
export { createOpenApiDocument, OPENAPI_TITLE } from './openapi-document';
