import { useSearchParams } from 'react-router';

/** List filters kept in the URL (shareable, survive a reload): read one by name, set or clear one or several. */
export function useSearchParamFilters() {
  const [params, setParams] = useSearchParams();
  const get = (name: string) => params.get(name) ?? '';
  const setAll = (values: Record<string, string>) =>
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        for (const [name, value] of Object.entries(values)) {
          if (value) next.set(name, value);
          else next.delete(name);
        }
        return next;
      },
      { replace: true },
    );
  const set = (name: string, value: string) => setAll({ [name]: value });
  return { get, set, setAll };
}
