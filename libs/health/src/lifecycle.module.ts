import { Module } from '@nestjs/common';
import { LifecycleService } from './lifecycle.service';

/** The one LifecycleService: imported by HealthModule and by features that register start-up steps. */
@Module({ providers: [LifecycleService], exports: [LifecycleService] })
export class LifecycleModule {}
