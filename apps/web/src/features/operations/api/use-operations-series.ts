import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import { operationsKeys } from './operations-keys';

export type SeriesWindow = '15m' | '1h' | '24h';

/** The platform time series (admins); refreshed every 30 s while the screen is open. */
export function useOperationsSeries(window: SeriesWindow) {
  return useQuery({
    queryKey: operationsKeys.series(window),
    queryFn: ({ signal }) => unwrap(api.GET('/monitoring/timeseries', { params: { query: { window } }, signal })),
    placeholderData: keepPreviousData,
    refetchInterval: 30_000,
  });
}
