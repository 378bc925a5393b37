/** The four profiles an account may hold (docs/design.md §1). */
export const PROFILES = ['administrator', 'teacher', 'learner', 'parent'] as const;
export type Profile = (typeof PROFILES)[number];

/** Home-page modules (docs/guide.md §1.2), in display order. */
export const MODULES = [
  'imports',
  'users',
  'access',
  'settings',
  'scenarios',
  'evaluations',
  'passport',
  'dashboard',
] as const;
export type ModuleId = (typeof MODULES)[number];

const MODULES_BY_PROFILE: Record<Profile, readonly ModuleId[]> = {
  administrator: ['imports', 'users', 'access', 'settings'],
  teacher: ['scenarios', 'evaluations', 'passport', 'dashboard'],
  learner: ['evaluations', 'passport', 'dashboard'],
  // Parents read their children's passport too (read-only): it is what the CCF commission reads.
  parent: ['evaluations', 'passport', 'dashboard'],
};

/** The union of the modules of a user's profiles, in the guide's order. */
export function modulesForProfiles(profiles: readonly Profile[]): ModuleId[] {
  const wanted = new Set(profiles.flatMap((p) => MODULES_BY_PROFILE[p]));
  return MODULES.filter((m) => wanted.has(m));
}

/** Route path of each module in the web application: French, lowercase, without accents. */
export const MODULE_PATHS: Record<ModuleId, string> = {
  imports: 'importer',
  users: 'utilisateurs',
  access: 'acces',
  settings: 'parametres',
  scenarios: 'scenarios',
  evaluations: 'evaluations',
  passport: 'passeport',
  dashboard: 'tableau-de-bord',
};

/**
 * The English paths the modules had before: bookmarks and old links still lead to the page
 * (the web router redirects them, keeping the rest of the address).
 */
export const LEGACY_MODULE_PATHS: Partial<Record<ModuleId, string>> = {
  imports: 'imports',
  users: 'users',
  access: 'access',
  settings: 'settings',
  passport: 'passport',
  dashboard: 'dashboard',
};
