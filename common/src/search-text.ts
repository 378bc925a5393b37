/**
 * Searching people by name or login, accents and case ignored. Without zod (unlike users.schemas.ts,
 * which re-exports it): the SIECLE import computes the users list's keys with it, and a command
 * then does not build every account schema as it starts (docs/performance.md).
 */
const SEARCH_FOLDS: Record<string, string> = { œ: 'oe', æ: 'ae', ß: 'ss', ø: 'o', ł: 'l', đ: 'd' };

/**
 * Comparison form of a name or login for searching: accents and case dropped, apostrophes
 * removed (N'Diaye → ndiaye), every other symbol a space (jp.martin → jp martin).
 */
export function foldSearchText(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[œæßøłđ]/g, (c) => SEARCH_FOLDS[c] ?? c)
    .replace(/['’ʼ`´]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Whether every word of `query` appears in one of `fields` (accents and case ignored). */
export function matchesSearch(query: string, fields: readonly (string | null | undefined)[]): boolean {
  const words = foldSearchText(query).split(' ').filter(Boolean);
  if (words.length === 0) return true;
  const haystack = ` ${fields.map((f) => foldSearchText(f ?? '')).join(' ')} `;
  return words.every((w) => haystack.includes(w));
}
