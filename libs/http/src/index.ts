export * from './all-exceptions.filter';
export * from './configure-app';
export * from './fastify-adapter.factory';
export * from './start-http-app';
