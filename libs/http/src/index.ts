export { AllExceptionsFilter } from './all-exceptions.filter';
export { configureApp } from './configure-app';
export { createFastifyAdapter, parseTrustProxy, REQUEST_ID_HEADER } from './fastify-adapter.factory';
export { createHttpApp, startHttpApp, type CreateOptions, type StartOptions } from './start-http-app';
export { installWebConsole } from './web-console';
export { inputProblem, installInputGuard } from './input-guard';
export { createOpenApiDocument, OPENAPI_TITLE } from './openapi-document';
export { trimHeapOnceIdle } from './startup-heap-trim';
