import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import type { components } from '../../../api/schema';
import { operationsKeys } from './operations-keys';

export type Backup = components['schemas']['BackupResponseDto'];

/**
 * Polled every 2 s while a backup runs or the one just started (`awaitedId`, from the 202) has not
 * finished yet (its record may appear a moment after the answer), every minute otherwise.
 */
export function useBackups(awaitedId?: string) {
  return useQuery({
    queryKey: operationsKeys.backups,
    queryFn: ({ signal }) => unwrap(api.GET('/admin/backups', { params: { query: { limit: 20 } }, signal })),
    refetchInterval: (query) => {
      const items = query.state.data?.items ?? [];
      const awaited = awaitedId && items.find((b) => b.id === awaitedId);
      const waiting = !!awaitedId && (!awaited || awaited.status === 'RUNNING');
      return waiting || items.some((b) => b.status === 'RUNNING') ? 2_000 : 60_000;
    },
  });
}

export function useStartBackup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST('/admin/backups')),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: operationsKeys.backups }),
  });
}

export function useVerifyBackup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/admin/backups/{id}/verify', { params: { path: { id } } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: operationsKeys.backups }),
  });
}
