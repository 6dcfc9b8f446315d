import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import { keys } from '../../../api/keys';

/** Every tag on the user's workflows (the tag filter's choices). */
export function useWorkflowTags() {
  return useQuery({
    queryKey: keys.workflows.tags,
    queryFn: ({ signal }) => unwrap(api.GET('/workflows/tags', { signal })),
    staleTime: 60_000,
  });
}
