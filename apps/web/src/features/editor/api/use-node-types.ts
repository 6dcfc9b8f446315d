import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { api, unwrap } from '../../../api/client';
import { keys } from '../../../api/keys';
import type { NodeTypeInfo } from '../model/definition';

export function useNodeTypes() {
  const query = useQuery({
    queryKey: keys.nodeTypes.all,
    queryFn: ({ signal }) => unwrap(api.GET('/node-types', { signal })),
    staleTime: Infinity,
  });
  const byType = useMemo(() => new Map<string, NodeTypeInfo>((query.data?.items ?? []).map((t) => [t.type, t])), [query.data]);
  return { ...query, byType };
}
