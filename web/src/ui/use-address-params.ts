import { useLocation, useSearchParams } from 'react-router';

/**
 * A list's filters and page kept in the address (`?profil=teacher&page=2`): a link or a reload
 * shows the same list. Changes replace the history entry, keeping its state (where a back link leads).
 */
export function useAddressParams() {
  const [params, setParams] = useSearchParams();
  const { state } = useLocation() as { state: unknown };
  const page = Math.max(1, Number(params.get('page')) || 1);

  /** Sets the parameters given, removes the empty ones; by default, back to the first page. */
  const update = (patch: Record<string, string | null>, resetPage = true) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        for (const [k, v] of Object.entries(patch)) {
          if (v) next.set(k, v);
          else next.delete(k);
        }
        if (resetPage) next.delete('page');
        return next;
      },
      { replace: true, state },
    );

  const setPage = (next: number) => update({ page: next > 1 ? String(next) : null }, false);

  return { params, page, update, setPage };
}
