import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import type { components } from '../../../api/schema';
import { notificationKeys } from './notification-keys';

export type AlertRule = components['schemas']['AlertRuleResponseDto'];
export type CreateAlertRuleBody = components['schemas']['CreateAlertRuleDto'];
export type UpdateAlertRuleBody = components['schemas']['UpdateAlertRuleDto'];

export function useAlertRules() {
  return useQuery({
    queryKey: notificationKeys.alertRules,
    queryFn: ({ signal }) => unwrap(api.GET('/alerts/rules', { params: { query: { limit: 100 } }, signal })),
  });
}

function useInvalidateRules() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: notificationKeys.alertRules });
}

export function useCreateAlertRule() {
  const invalidate = useInvalidateRules();
  return useMutation({
    mutationFn: (body: CreateAlertRuleBody) => unwrap(api.POST('/alerts/rules', { body })),
    onSuccess: invalidate,
  });
}

export function useUpdateAlertRule() {
  const invalidate = useInvalidateRules();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateAlertRuleBody }) =>
      unwrap(api.PATCH('/alerts/rules/{id}', { params: { path: { id } }, body })),
    onSuccess: invalidate,
  });
}

export function useDeleteAlertRule() {
  const invalidate = useInvalidateRules();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/alerts/rules/{id}', { params: { path: { id } } })),
    onSuccess: invalidate,
  });
}
