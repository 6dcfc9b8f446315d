import { BadRequestException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { AuthUser } from '@app/auth';
import { afterCursor, CURSOR_ORDER, PaginationQueryDto, toPage } from '@app/common';
import { AlertMetric, AlertRule, PrismaService } from '@app/database';
import { toAlertRuleResponse } from './alert-rule.mapper';
import { CreateAlertRuleDto } from './dto/create-alert-rule.dto';
import { UpdateAlertRuleDto } from './dto/update-alert-rule.dto';

const MAX_RULES_PER_USER = 100;

interface RuleShape {
  metric: AlertMetric;
  threshold: number;
  workflowId: string | null;
}

/** Alert rules of a user; the AlertEvaluator checks them on a schedule. */
@Injectable()
export class AlertRulesService {
  constructor(private readonly prisma: PrismaService) {}

  async create(user: AuthUser, dto: CreateAlertRuleDto) {
    const workflowId = dto.workflowId ?? null;
    await this.check(user, { metric: dto.metric, threshold: dto.threshold, workflowId });
    if ((await this.prisma.alertRule.count({ where: { userId: user.id } })) >= MAX_RULES_PER_USER)
      throw new BadRequestException(`A user may have at most ${MAX_RULES_PER_USER} alert rules`);
    const rule = await this.prisma.alertRule.create({
      data: {
        userId: user.id,
        name: dto.name,
        metric: dto.metric,
        comparator: dto.comparator,
        threshold: dto.threshold,
        windowSeconds: dto.windowSeconds,
        cooldownSeconds: dto.cooldownSeconds,
        workflowId,
        enabled: dto.enabled,
      },
    });
    return toAlertRuleResponse(rule);
  }

  async list(userId: string, query: PaginationQueryDto) {
    const limit = query.limit ?? 20;
    const rows = await this.prisma.alertRule.findMany({
      where: { userId, ...afterCursor(query.cursor) },
      orderBy: CURSOR_ORDER,
      take: limit + 1,
    });
    return toPage(rows, limit, toAlertRuleResponse);
  }

  async get(userId: string, id: string) {
    return toAlertRuleResponse(await this.owned(userId, id));
  }

  async update(user: AuthUser, id: string, dto: UpdateAlertRuleDto) {
    const rule = await this.owned(user.id, id);
    const workflowId = dto.workflowId === undefined ? rule.workflowId : dto.workflowId;
    await this.check(user, { metric: dto.metric ?? rule.metric, threshold: dto.threshold ?? rule.threshold, workflowId });
    const updated = await this.prisma.alertRule.update({
      where: { id },
      data: {
        name: dto.name,
        metric: dto.metric,
        comparator: dto.comparator,
        threshold: dto.threshold,
        windowSeconds: dto.windowSeconds,
        cooldownSeconds: dto.cooldownSeconds,
        workflowId,
        enabled: dto.enabled,
      },
    });
    return toAlertRuleResponse(updated);
  }

  async remove(userId: string, id: string): Promise<void> {
    const { count } = await this.prisma.alertRule.deleteMany({ where: { id, userId } });
    if (!count) throw new NotFoundException(`Alert rule ${id} not found`);
  }

  private async owned(userId: string, id: string): Promise<AlertRule> {
    const rule = await this.prisma.alertRule.findFirst({ where: { id, userId } });
    if (!rule) throw new NotFoundException(`Alert rule ${id} not found`);
    return rule;
  }

  /** Queue depth is platform-wide (admins only, no workflow); a rate is a fraction; the workflow must be the user's. */
  private async check(user: AuthUser, rule: RuleShape): Promise<void> {
    if (rule.metric === 'QUEUE_DEPTH') {
      if (user.role !== 'ADMIN') throw new ForbiddenException('Only admins can create QUEUE_DEPTH rules: the queue is shared by all users');
      if (rule.workflowId) throw new BadRequestException('QUEUE_DEPTH is not per workflow; omit workflowId');
    }
    if (rule.metric === 'EXECUTION_FAILURE_RATE' && (rule.threshold < 0 || rule.threshold > 1))
      throw new BadRequestException('EXECUTION_FAILURE_RATE thresholds are fractions between 0 and 1 (0.25 = 25 %)');
    if (
      rule.workflowId &&
      !(await this.prisma.workflow.findFirst({ where: { id: rule.workflowId, userId: user.id, deletedAt: null }, select: { id: true } }))
    )
      throw new NotFoundException(`Workflow ${rule.workflowId} not found`);
  }
}
