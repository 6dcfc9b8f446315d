import '@mantine/charts/styles.css';
import { Group, SegmentedControl, Skeleton, Stack, Title } from '@mantine/core';
import { useSearchParamFilters } from '../../../shared/hooks/use-search-param-filters';
import { ErrorState } from '../../../shared/ui/error-state';
import { type SeriesWindow, useOperationsSeries } from '../api/use-operations-series';
import { OperationsNav } from '../components/operations-nav';
import { ReadinessPanel } from '../components/readiness-panel';
import { RecentFailures } from '../components/recent-failures';
import { RequireAdmin } from '../components/require-admin';
import { SeriesCharts } from '../components/series-charts';
import { SeriesTotals } from '../components/series-totals';
import { toChartRows, totals } from '../model/chart-data';

const WINDOWS: { value: SeriesWindow; label: string }[] = [
  { value: '15m', label: '15 min' },
  { value: '1h', label: '1 hour' },
  { value: '24h', label: '24 hours' },
];

/** Admins: readiness, the platform's figures over a window (charts), recent failures. */
export function OperationsPage() {
  return (
    <Stack>
      <Title order={1}>Operations</Title>
      <RequireAdmin>
        <OperationsNav />
        <ReadinessPanel />
        <PerformanceSection />
        <RecentFailures />
      </RequireAdmin>
    </Stack>
  );
}

function PerformanceSection() {
  const filters = useSearchParamFilters();
  const window = (WINDOWS.find((w) => w.value === filters.get('window'))?.value ?? '1h') as SeriesWindow;
  const query = useOperationsSeries(window);
  return (
    <section aria-labelledby="performance-title">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h3" id="performance-title">
            Traffic and latency
          </Title>
          <SegmentedControl
            aria-label="Window"
            value={window}
            onChange={(value) => filters.set('window', value === '1h' ? '' : value)}
            data={WINDOWS}
          />
        </Group>
        {query.isPending ? (
          <Skeleton height={420} />
        ) : query.isError ? (
          <ErrorState error={query.error} onRetry={() => void query.refetch()} />
        ) : (
          <>
            <SeriesTotals totals={totals(query.data)} />
            <SeriesCharts rows={toChartRows(query.data)} slot={query.data.resolutionSeconds >= 3600 ? 'hour' : 'minute'} />
          </>
        )}
      </Stack>
    </section>
  );
}
