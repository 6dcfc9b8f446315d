export * from './common.module';
export * from './pagination';
export * from './public.decorator';
export * from './secret-cipher';
export * from './group-commit';
export * from './ssrf-guard';
