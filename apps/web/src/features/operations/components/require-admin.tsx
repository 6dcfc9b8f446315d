import { Center, Loader } from '@mantine/core';
import type { ReactNode } from 'react';
import { EmptyState } from '../../../shared/ui/empty-state';
import { useCurrentUser } from '../api/use-current-user';

/** Admin screens: others see "not available" (the API refuses their requests with 403 anyway). */
export function RequireAdmin({ children }: { children: ReactNode }) {
  const me = useCurrentUser();
  if (me.isPending)
    return (
      <Center py="xl">
        <Loader aria-label="Loading" />
      </Center>
    );
  if (me.data?.role !== 'ADMIN') return <EmptyState title="Not available">Operations are for administrators of this platform.</EmptyState>;
  return <>{children}</>;
}
