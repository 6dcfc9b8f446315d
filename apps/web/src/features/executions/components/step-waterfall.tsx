import { Box, Group, Paper, Text, Tooltip } from '@mantine/core';
import { formatDuration } from '../../../shared/lib/format';
import { statusColor } from '../../../shared/lib/status-color';
import { stepTimeline, type TimedStep } from '../model/step-timeline';

export interface StepWaterfallProps {
  runStartedAt: string | null;
  steps: TimedStep[];
  now: number;
}

/** Each step as a bar on the run's time axis: where it started, how long it took, its attempts. */
export function StepWaterfall({ runStartedAt, steps, now }: StepWaterfallProps) {
  const timeline = stepTimeline(runStartedAt, steps, now);
  return (
    <Paper withBorder p="sm" component="section" aria-label="Step timeline">
      <Group justify="space-between" mb="xs">
        <Text size="sm" fw={600}>
          Timeline
        </Text>
        <Text size="sm">{formatDuration(timeline.totalMs)} in all</Text>
      </Group>
      <Box component="ol" m={0} p={0} style={{ listStyle: 'none' }}>
        {timeline.rows.map((row) => {
          const description =
            row.offsetMs === null
              ? `${row.nodeId}: ${row.status.toLowerCase()}, not started`
              : `${row.nodeId}: ${row.status.toLowerCase()}, started at +${formatDuration(row.offsetMs)}, took ${formatDuration(row.durationMs)}` +
                (row.attempts > 1 ? `, ${row.attempts} attempts` : '');
          return (
            <Box component="li" key={row.nodeId} data-testid={`timeline-${row.nodeId}`} aria-label={description} py={3}>
              <Group gap="xs" wrap="nowrap" aria-hidden="true">
                <Text size="xs" ff="monospace" w={{ base: 72, sm: 140 }} truncate title={row.nodeId} style={{ flexShrink: 0 }}>
                  {row.nodeId}
                </Text>
                <Box pos="relative" h={16} style={{ flex: 1, minWidth: 80 }} bg="var(--mantine-color-default-hover)">
                  {row.segments.map((segment, i) => (
                    <Tooltip key={i} label={description} withArrow>
                      <Box
                        pos="absolute"
                        top={2}
                        h={12}
                        left={`${segment.left}%`}
                        w={`${segment.width}%`}
                        bg={`${segment.failed ? 'red' : statusColor(row.status)}.${segment.failed && i < row.segments.length - 1 ? 4 : 7}`}
                        style={{ borderRadius: 2 }}
                      />
                    </Tooltip>
                  ))}
                </Box>
                <Text size="xs" w={{ base: 60, sm: 90 }} ta="right" style={{ flexShrink: 0 }}>
                  {formatDuration(row.durationMs)}
                  {row.attempts > 1 ? ` ×${row.attempts}` : ''}
                </Text>
              </Group>
            </Box>
          );
        })}
      </Box>
    </Paper>
  );
}
