import { LEGACY_MODULE_PATHS, MODULE_PATHS, type ModuleId } from '@cerise/common';

const MODERN_BY_LEGACY = new Map(
  (Object.entries(LEGACY_MODULE_PATHS) as [ModuleId, string][]).map(([module, legacy]) => [legacy, MODULE_PATHS[module]]),
);

/** The English module paths the router still answers, each redirected to its French path. */
export const LEGACY_PATHS: readonly string[] = [...MODERN_BY_LEGACY.keys()];

/**
 * `/0861234A/users/x` → `/0861234A/utilisateurs/x`: the French address of an old one, with the
 * rest of the path kept; null when the address is not an old module path.
 */
export function modernPathname(pathname: string): string | null {
  const [empty, uai, module, ...rest] = pathname.split('/');
  if (empty !== '' || !uai || module === undefined) return null;
  const modern = MODERN_BY_LEGACY.get(module);
  if (modern === undefined) return null;
  return ['', uai, modern, ...rest].join('/');
}
