import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import { keys } from '../../../api/keys';

/** The saved workflow's webhook (URL, signing secret); 404 when its current version has no webhook trigger. */
export function useWebhookInfo(id: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: keys.workflows.webhook(id ?? ''),
    queryFn: ({ signal }) => unwrap(api.GET('/workflows/{id}/webhook', { params: { path: { id: id! } }, signal })),
    enabled: Boolean(id) && enabled,
    retry: false,
  });
}
