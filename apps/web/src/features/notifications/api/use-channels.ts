import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import type { components } from '../../../api/schema';
import { notificationKeys } from './notification-keys';

export type Channel = components['schemas']['ChannelResponseDto'];
export type CreateChannelBody = components['schemas']['CreateChannelDto'];
export type UpdateChannelBody = components['schemas']['UpdateChannelDto'];

export function useChannels() {
  return useQuery({
    queryKey: notificationKeys.channels,
    queryFn: ({ signal }) => unwrap(api.GET('/notifications/channels', { params: { query: { limit: 100 } }, signal })),
  });
}

function useInvalidateChannels() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: notificationKeys.channels });
}

export function useCreateChannel() {
  const invalidate = useInvalidateChannels();
  return useMutation({
    mutationFn: (body: CreateChannelBody) => unwrap(api.POST('/notifications/channels', { body })),
    onSuccess: invalidate,
  });
}

export function useUpdateChannel() {
  const invalidate = useInvalidateChannels();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateChannelBody }) =>
      unwrap(api.PATCH('/notifications/channels/{id}', { params: { path: { id } }, body })),
    onSuccess: invalidate,
  });
}

export function useDeleteChannel() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/notifications/channels/{id}', { params: { path: { id } } })),
    // Its subscriptions go with it.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}

/** "Send test": delivered now, in the request; the answer says whether it worked. It also lands in the inbox. */
export function useTestChannel() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/notifications/channels/{id}/test', { params: { path: { id } } })),
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: notificationKeys.lists }),
        queryClient.invalidateQueries({ queryKey: notificationKeys.unreadCount }),
      ]),
  });
}
