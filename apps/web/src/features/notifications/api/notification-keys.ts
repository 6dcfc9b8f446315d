/** Query keys of the notifications feature: [resource, scope, params]; mutations invalidate by prefix. */
export const notificationKeys = {
  all: ['notifications'] as const,
  lists: ['notifications', 'list'] as const,
  list: (params: { unread: boolean }) => ['notifications', 'list', params] as const,
  unreadCount: ['notifications', 'unread-count'] as const,
  channels: ['notifications', 'channels'] as const,
  subscriptions: ['notifications', 'subscriptions'] as const,
  alertRules: ['alert-rules'] as const,
};
