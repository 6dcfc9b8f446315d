import { Module } from '@nestjs/common';
import { DatabaseModule } from '@app/database';
import { CredentialUsageService } from './credential-usage.service';
import { CredentialsController } from './credentials.controller';
import { CredentialsModule } from './credentials.module';
import { CredentialsService } from './credentials.service';

/** The /credentials routes (API app only). */
@Module({
  imports: [CredentialsModule, DatabaseModule],
  controllers: [CredentialsController],
  providers: [CredentialsService, CredentialUsageService],
})
export class CredentialsHttpModule {}
