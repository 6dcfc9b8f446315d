import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, AppConfigModule } from '@app/config';
import { CredentialsModule } from '@app/credentials';
import { DatabaseModule } from '@app/database';
import { LoggingModule } from '@app/logging';

/** What `credentials rotate` needs: the database and the vault's keys, nothing else. */
@Module({})
export class CredentialsCliModule {
  static register(config: AppConfig): DynamicModule {
    return { module: CredentialsCliModule, imports: [AppConfigModule.forRoot(config), LoggingModule, DatabaseModule, CredentialsModule] };
  }
}
