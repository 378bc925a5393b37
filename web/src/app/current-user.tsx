import type { MeResponse } from '@cerise/common';
import { createContext, useContext } from 'react';

/** The signed-in user and establishment, provided by the signed-in layout. */
export const CurrentUserContext = createContext<MeResponse | null>(null);

/** The signed-in user; only inside the pages of the signed-in layout. */
export function useCurrentUser(): MeResponse {
  const me = useContext(CurrentUserContext);
  if (!me) throw new Error('useCurrentUser is only available inside AppLayout');
  return me;
}
