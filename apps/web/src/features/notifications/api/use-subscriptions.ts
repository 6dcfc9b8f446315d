import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import type { components } from '../../../api/schema';
import { notificationKeys } from './notification-keys';

export type SubscribeBody = components['schemas']['SubscribeDto'];

export function useSubscriptions() {
  return useQuery({
    queryKey: notificationKeys.subscriptions,
    queryFn: ({ signal }) => unwrap(api.GET('/notifications/subscriptions', { params: { query: { limit: 100 } }, signal })),
  });
}

export function useSubscribe() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SubscribeBody) => unwrap(api.POST('/notifications/subscriptions', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: notificationKeys.subscriptions }),
  });
}

export function useUnsubscribe() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/notifications/subscriptions/{id}', { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: notificationKeys.subscriptions }),
  });
}
