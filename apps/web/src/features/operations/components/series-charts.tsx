import { AreaChart, BarChart, LineChart } from '@mantine/charts';
import { SimpleGrid } from '@mantine/core';
import type { ChartRow } from '../model/chart-data';
import { ChartCard } from './chart-card';

export interface SeriesChartsProps {
  rows: ChartRow[];
  /** "minute" or "hour": what one point covers. */
  slot: string;
}

const HEIGHT = 200;
const common = {
  h: HEIGHT,
  dataKey: 'time',
  withLegend: true,
  legendProps: { verticalAlign: 'bottom' as const, height: 40 },
  // Three ticks fit the plot's height: with five, Recharts dropped the one it found crowded (0/40/80/160).
  yAxisProps: { tickCount: 3, interval: 0 },
};

/** Throughput, latency, error rate, queue depth and rate limiting over the window. */
export function SeriesCharts({ rows, slot }: SeriesChartsProps) {
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }}>
      <ChartCard title="Throughput" description={`Requests and executions per ${slot}`}>
        <AreaChart
          {...common}
          data={rows}
          series={[
            { name: 'requests', label: 'Requests', color: 'blue.6' },
            { name: 'executions', label: 'Executions', color: 'teal.6' },
          ]}
          curveType="monotone"
          withDots={false}
        />
      </ChartCard>
      <ChartCard title="Error rate" description="Share of requests answered 5xx and of executions failed, in percent">
        <LineChart
          {...common}
          data={rows}
          unit="%"
          series={[
            { name: 'requestErrors', label: 'Requests (5xx)', color: 'red.6' },
            { name: 'executionErrors', label: 'Executions failed', color: 'orange.6' },
          ]}
          curveType="monotone"
          withDots={false}
        />
      </ChartCard>
      <ChartCard title="Request latency" description={`p50, p95 and p99 of HTTP requests per ${slot}, in milliseconds`}>
        <LineChart
          {...common}
          data={rows}
          unit=" ms"
          series={[
            { name: 'requestP50', label: 'p50', color: 'blue.4' },
            { name: 'requestP95', label: 'p95', color: 'blue.7' },
            { name: 'requestP99', label: 'p99', color: 'grape.7' },
          ]}
          connectNulls={false}
          curveType="monotone"
        />
      </ChartCard>
      <ChartCard title="Execution duration" description={`p50, p95 and p99 of executions per ${slot}, in milliseconds`}>
        <LineChart
          {...common}
          data={rows}
          unit=" ms"
          series={[
            { name: 'executionP50', label: 'p50', color: 'teal.4' },
            { name: 'executionP95', label: 'p95', color: 'teal.7' },
            { name: 'executionP99', label: 'p99', color: 'green.8' },
          ]}
          connectNulls={false}
          curveType="monotone"
        />
      </ChartCard>
      <ChartCard title="Queue depth" description={`Peak of executions waiting and running per ${slot}`}>
        <LineChart
          {...common}
          data={rows}
          series={[
            { name: 'queueWaiting', label: 'Waiting', color: 'yellow.7' },
            { name: 'queueActive', label: 'Running', color: 'cyan.7' },
          ]}
          connectNulls
          curveType="step"
        />
      </ChartCard>
      <ChartCard
        title="Rate limiting"
        description={`Requests refused with 429, and limits counted in memory while Redis was unreachable, per ${slot}`}
      >
        <BarChart
          {...common}
          data={rows}
          series={[
            { name: 'rejections', label: 'Rejections (429)', color: 'red.5' },
            { name: 'fallbacks', label: 'Fallbacks', color: 'gray.6' },
          ]}
        />
      </ChartCard>
    </SimpleGrid>
  );
}
