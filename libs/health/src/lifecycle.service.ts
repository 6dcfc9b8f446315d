import { Injectable, Logger } from '@nestjs/common';

/** Work a feature needs done before the process listens (e.g. its queue connected). */
export type StartupStepRun = () => Promise<void>;

/**
 * Process lifecycle as the probes see it: starting -> started -> shutting down. The start sequence
 * completes `config` and `migrations`; features register their own steps, run after the migrations.
 */
@Injectable()
export class LifecycleService {
  readonly startedAt = new Date();
  private readonly logger = new Logger('Startup');
  private readonly steps = new Map<string, boolean>([
    ['config', true], // the process only gets this far with a validated configuration
    ['migrations', false],
  ]);
  private readonly featureSteps = new Map<string, StartupStepRun>();
  private shuttingDown = false;

  registerStep(step: string, run: StartupStepRun): void {
    if (this.steps.has(step)) throw new Error(`Startup step "${step}" is registered twice`);
    this.steps.set(step, false);
    this.featureSteps.set(step, run);
  }

  completeStep(step: string): void {
    this.steps.set(step, true);
    this.logger.debug({ step }, `Startup step done: ${step}`);
  }

  /** The registered steps, one after the other in registration order. */
  async runFeatureSteps(): Promise<void> {
    for (const [step, run] of this.featureSteps) {
      await run();
      this.completeStep(step);
    }
  }

  get startupSteps(): Record<string, boolean> {
    return Object.fromEntries(this.steps);
  }

  get started(): boolean {
    return [...this.steps.values()].every(Boolean);
  }

  beginShutdown(): void {
    this.shuttingDown = true;
  }

  get isShuttingDown(): boolean {
    return this.shuttingDown;
  }
}
