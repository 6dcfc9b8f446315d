import { Module } from '@nestjs/common';
import { EnginePorts } from './engine-ports';

/** The one EnginePorts: imported by WorkflowsModule and by the libs that plug into the engine. */
@Module({ providers: [EnginePorts], exports: [EnginePorts] })
export class EnginePortsModule {}
