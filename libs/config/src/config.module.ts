import { DynamicModule, Global, Module } from '@nestjs/common';
import { ConfigModule as NestConfigModule } from '@nestjs/config';
import { AppConfig } from './app-config';

/**
 * The validated configuration for the whole process. The config is validated before Nest starts
 * (loadConfigOrExit) and handed in here, so a refused environment never reaches module loading.
 * The one global module: AppConfig is a value built once per process from forRoot(config), so a lib
 * cannot import a static form of this module, and every lib reads it.
 */
@Global()
@Module({})
export class AppConfigModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppConfigModule,
      imports: [NestConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, ignoreEnvVars: true, load: [() => config.flatten()] })],
      providers: [{ provide: AppConfig, useValue: config }],
      exports: [AppConfig],
    };
  }
}
