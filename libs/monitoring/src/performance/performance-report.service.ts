import { ForbiddenException, Injectable, ServiceUnavailableException } from '@nestjs/common';
import { AuthUser } from '@app/auth';
import { PrismaService } from '@app/database';
import { PerformanceQuery, TracesQuery } from '../dto/performance.query';
import { Trace, TraceScope } from '../traces/trace';
import { WINDOWS } from './performance-window';
import { PerformanceService, TraceCacheUnavailableError } from './performance.service';

/**
 * Who sees what: workflow figures are the caller's own workflows only; route figures are
 * platform-wide (every tenant's traffic on the shared API), so they are for admins only.
 */
@Injectable()
export class PerformanceReportService {
  constructor(
    private readonly performance: PerformanceService,
    private readonly prisma: PrismaService,
  ) {}

  async report(user: AuthUser, query: PerformanceQuery) {
    const window = query.window ?? '1h';
    this.checkScope(user, query.scope);
    const withRoutes = query.scope === 'route' || (!query.scope && user.role === 'ADMIN');
    const withWorkflows = query.scope !== 'route';
    return this.degradeToUnavailable(async () => {
      const [routes, workflows] = await Promise.all([
        withRoutes ? this.routes(WINDOWS[window]) : undefined,
        withWorkflows ? this.workflows(user.id, WINDOWS[window]) : undefined,
      ]);
      const span = routes ?? workflows!;
      return {
        window,
        from: span.from,
        to: span.to,
        ...(routes ? { routes: routes.items } : {}),
        ...(workflows ? { workflows: workflows.items } : {}),
      };
    });
  }

  async traces(user: AuthUser, query: TracesQuery): Promise<{ items: Trace[] }> {
    const scope = query.scope ?? 'workflow';
    this.checkScope(user, scope);
    const owned = scope === 'workflow' ? new Set((await this.ownedWorkflows(user.id)).keys()) : null;
    const accept = (trace: Trace) => (!query.name || trace.name === query.name) && (!owned || owned.has(trace.name));
    return this.degradeToUnavailable(async () => ({ items: await this.performance.recent(scope, query.limit ?? 50, accept) }));
  }

  private checkScope(user: AuthUser, scope?: TraceScope): void {
    if (scope === 'route' && user.role !== 'ADMIN')
      throw new ForbiddenException('Route performance is platform-wide and visible to admins only');
  }

  private async routes(windowMs: number) {
    const { from, to, stats } = await this.performance.summary('route', windowMs);
    return { from, to, items: stats.map((s) => ({ ...s, method: s.name.split(' ')[0], route: s.name.slice(s.name.indexOf(' ') + 1) })) };
  }

  private async workflows(userId: string, windowMs: number) {
    const owned = await this.ownedWorkflows(userId);
    const { from, to, stats } = await this.performance.summary('workflow', windowMs, [...owned.keys()]);
    return { from, to, items: stats.map(({ name: workflowId, ...s }) => ({ workflowId, name: owned.get(workflowId) ?? null, ...s })) };
  }

  private async ownedWorkflows(userId: string): Promise<Map<string, string>> {
    const rows = await this.prisma.workflow.findMany({ where: { userId, deletedAt: null }, select: { id: true, name: true } });
    return new Map(rows.map((row) => [row.id, row.name]));
  }

  private async degradeToUnavailable<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (err) {
      if (err instanceof TraceCacheUnavailableError) throw new ServiceUnavailableException(err.message);
      throw err;
    }
  }
}
