import { BadRequestException, Injectable } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { PrismaService } from '@app/database';
import { WorkflowDefinition } from './definition/workflow-definition';
import { ProblemList } from './engine/definition-problem';
import { shortestCronGapMs } from './schedule-interval';

/** Schedule triggers may not fire more often than the owner's tier allows (SCHEDULE_MIN_INTERVAL_SECONDS_<TIER>). */
@Injectable()
export class ScheduleIntervalPolicy {
  constructor(
    private readonly config: AppConfig,
    private readonly prisma: PrismaService,
  ) {}

  /** @throws BadRequestException naming each schedule node that fires too often for the owner's tier. */
  async check(userId: string, definition: WorkflowDefinition): Promise<void> {
    const schedules = definition.nodes.filter((n) => n.type === 'trigger.schedule');
    if (!schedules.length) return;
    const { tier } = await this.prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { tier: true } });
    const minimumSeconds = this.config.execution[`SCHEDULE_MIN_INTERVAL_SECONDS_${tier}`];
    const problems = new ProblemList();
    for (const node of schedules) {
      const gapMs = shortestCronGapMs(node.params.cron as string, (node.params.timezone as string) ?? 'UTC', minimumSeconds * 1_000);
      if (gapMs === null || gapMs >= minimumSeconds * 1_000) continue;
      const message = `params.cron fires every ${gapMs / 1_000} s at times, but the ${tier} tier allows at most one run every ${minimumSeconds} s`;
      problems.add({ nodeId: node.id, path: 'params.cron', message });
    }
    if (problems.length)
      throw new BadRequestException({ message: problems.texts, error: 'Schedule too frequent for your tier', problems: problems.items });
  }
}
