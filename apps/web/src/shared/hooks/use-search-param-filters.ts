import { useSearchParams } from 'react-router';

/** List filters kept in the URL (shareable, survive a reload): read one by name, set or clear one. */
export function useSearchParamFilters() {
  const [params, setParams] = useSearchParams();
  const get = (name: string) => params.get(name) ?? '';
  const set = (name: string, value: string) => {
    const nextParams = new URLSearchParams(params);
    if (value) nextParams.set(name, value);
    else nextParams.delete(name);
    setParams(nextParams, { replace: true });
  };
  return { get, set };
}
