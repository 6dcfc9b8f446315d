import { useQuery } from '@tanstack/react-query';
import { operationsKeys } from './operations-keys';

export interface Readiness {
  status: string;
  details: Record<string, { status: string; message?: string; [field: string]: unknown }>;
}

/**
 * GET /health/ready answers 503 with the same body when a dependency is down: that is data to show,
 * not an error, so this reads the body whatever the status (plain fetch: the route is public).
 */
export function useReadiness() {
  return useQuery({
    queryKey: operationsKeys.readiness,
    queryFn: async ({ signal }): Promise<Readiness> => {
      const res = await fetch('/health/ready', { signal, headers: { Accept: 'application/json' } });
      const body = (await res.json()) as Partial<Readiness>;
      return { status: body.status ?? (res.ok ? 'ok' : 'error'), details: body.details ?? {} };
    },
    refetchInterval: 15_000,
  });
}
