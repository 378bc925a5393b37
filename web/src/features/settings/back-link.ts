import { MODULE_PATHS, MODULES, type ModuleId } from '@cerise/common';

/*
 * « Journal des actions » and « Courriels » belong to Paramètres but are also opened from other
 * modules (Gestion des utilisateurs, Accès): the link that opens them carries, in the history
 * state, the page it was clicked on, and their back link returns there.
 */

/** The page a sub-page of Paramètres was opened from. */
export type BackTo = { module: ModuleId; pathname: string; search: string };
export type BackState = { backTo: BackTo };

/** `/0861234A/utilisateurs/…` → `users`; null outside a module. */
export function moduleOfPathname(pathname: string): ModuleId | null {
  const segment = pathname.split('/')[2];
  return MODULES.find((m) => MODULE_PATHS[m] === segment) ?? null;
}

/** The history state a link puts on the page it opens, so that this page can lead back here. */
export function backStateFor(location: { pathname: string; search: string }): BackState | undefined {
  const module = moduleOfPathname(location.pathname);
  if (module === null) return undefined;
  return { backTo: { module, pathname: location.pathname, search: location.search } };
}

/** The page to go back to, read from a history state (anything else: null). */
export function backToOf(state: unknown): BackTo | null {
  if (typeof state !== 'object' || state === null || !('backTo' in state)) return null;
  const b = (state as { backTo: unknown }).backTo;
  if (typeof b !== 'object' || b === null) return null;
  const { module, pathname, search } = b as Record<string, unknown>;
  if (typeof pathname !== 'string' || typeof search !== 'string' || typeof module !== 'string') return null;
  if (!pathname.startsWith('/') || pathname.startsWith('//') || moduleOfPathname(pathname) !== module) return null;
  return { module: module as ModuleId, pathname, search: search === '' || search.startsWith('?') ? search : '' };
}
