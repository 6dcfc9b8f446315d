import { Badge, Group, Paper, SimpleGrid, Skeleton, Text, Title } from '@mantine/core';
import { ErrorState } from '../../../shared/ui/error-state';
import { useReadiness } from '../api/use-readiness';

const LABEL: Record<string, string> = { lifecycle: 'API process', database: 'PostgreSQL', redis: 'Redis', migrations: 'Migrations' };

/** One card per dependency of GET /health/ready (up or down, with the check's message). */
export function ReadinessPanel() {
  const query = useReadiness();
  return (
    <section aria-labelledby="readiness-title">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h3" id="readiness-title">
          Readiness
        </Title>
        {query.data && (
          <Badge color={query.data.status === 'ok' ? 'green' : 'red'} variant="dot">
            {query.data.status === 'ok' ? 'ready' : 'not ready'}
          </Badge>
        )}
      </Group>
      {query.isPending ? (
        <Skeleton height={64} />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <SimpleGrid cols={{ base: 2, sm: 4 }}>
          {Object.entries(query.data.details).map(([name, check]) => (
            <Paper key={name} withBorder p="sm" aria-label={`${LABEL[name] ?? name}: ${check.status}`}>
              <Group justify="space-between" wrap="nowrap" gap="xs">
                <Text fw={500} size="sm" truncate>
                  {LABEL[name] ?? name}
                </Text>
                <Badge size="sm" variant="dot" color={check.status === 'up' ? 'green' : 'red'}>
                  {check.status}
                </Badge>
              </Group>
              {check.message && (
                <Text size="xs" mt={4} style={{ overflowWrap: 'anywhere' }}>
                  {String(check.message)}
                </Text>
              )}
            </Paper>
          ))}
        </SimpleGrid>
      )}
    </section>
  );
}
