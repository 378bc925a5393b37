import { foldSearchText } from '@cerise/common/search-text';

/**
 * The keys the user list sorts and searches on (migration 0009), folded as foldSearchText does:
 * accents, case and apostrophes ignored, the same on SQLite and PostgreSQL.
 * - sort: last name, first name, login, separated by U+0001 (below every folded character);
 * - search: the three, between spaces, as matchesSearch's haystack.
 */
export type NameKeys = { sortKey: string; searchKey: string };
type Named = { last_name: string; first_name: string; login: string };

/**
 * A key maker that remembers the names it folded: an import gives 16,000 accounts their keys in
 * one go, and first and last names repeat (thousands of « Lucas », families): each distinct name
 * is folded once. Keep one per batch, not for ever.
 */
export function nameKeyMaker(): (u: Named) => NameKeys {
  const folded = new Map<string, string>();
  const fold = (s: string) => {
    let f = folded.get(s);
    if (f === undefined) folded.set(s, (f = foldSearchText(s)));
    return f;
  };
  return (u) => {
    const last = fold(u.last_name);
    const first = fold(u.first_name);
    return {
      sortKey: `${last}\u0001${first}\u0001${u.login.toLowerCase()}`,
      searchKey: ` ${last} ${first} ${foldSearchText(u.login)} `,
    };
  };
}
