import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import { useSession } from '../../../app/use-session';
import { operationsKeys } from './operations-keys';

/** The signed-in user's profile (role and tier), from GET /auth/me; keyed by user so a new sign-in never sees the last one's role. */
export function useCurrentUser() {
  const userId = useSession()?.user.id ?? '';
  return useQuery({
    queryKey: operationsKeys.me(userId),
    queryFn: ({ signal }) => unwrap(api.GET('/auth/me', { signal })),
    enabled: !!userId,
    staleTime: 5 * 60_000,
  });
}

/** Whether the console shows admin screens. Only a hint for the UI: the API checks the role on every admin route. */
export function useIsAdmin(): boolean {
  return useCurrentUser().data?.role === 'ADMIN';
}
