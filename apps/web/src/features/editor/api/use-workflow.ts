import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import { keys } from '../../../api/keys';

/**
 * GET /workflows/:id. `fresh`: fetched anew when the caller mounts (the editor page: a version restored
 * elsewhere must not be edited from a stale copy). After that, the editor decides when to take a newer
 * version (reload after a conflict), never a background refetch.
 */
export function useWorkflow(id: string | undefined, { fresh = false } = {}) {
  return useQuery({
    queryKey: keys.workflows.detail(id ?? ''),
    queryFn: ({ signal }) => unwrap(api.GET('/workflows/{id}', { params: { path: { id: id! } }, signal })),
    enabled: Boolean(id),
    // Stale at once when fresh, so switching ids (new → saved) fetches too, not only a mount.
    refetchOnMount: fresh ? 'always' : false,
    staleTime: fresh ? 0 : Infinity,
    refetchOnWindowFocus: false,
  });
}
