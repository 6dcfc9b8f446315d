import { Injectable } from '@nestjs/common';

export type StartupStep = 'config' | 'migrations' | 'queue';

/** Process lifecycle as the probes see it: starting -> started -> shutting down. */
@Injectable()
export class LifecycleService {
  readonly startedAt = new Date();
  private readonly steps = new Map<StartupStep, boolean>([
    ['config', true], // the process only gets this far with a validated configuration
    ['migrations', false],
    ['queue', false],
  ]);
  private shuttingDown = false;

  completeStep(step: StartupStep): void {
    this.steps.set(step, true);
  }

  get startupSteps(): Record<StartupStep, boolean> {
    return Object.fromEntries(this.steps) as Record<StartupStep, boolean>;
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
