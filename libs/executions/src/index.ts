export * from './execution-queue.constants';
export * from './execution-queue.module';
