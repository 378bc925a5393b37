import { labelKey, type Competency, type Pole, type ReferentialTree, type Situation, type SituationClass } from '@cerise/common';

/** A competency with its place in the tree and what a search compares it with. */
export type CompetencyEntry = {
  competency: Competency;
  pole: Pole;
  situationClass: SituationClass;
  situation: Situation;
  /** Folded codes of the competency and of its ancestors (`1`, `1.1`, `1.1.2`, `c112`). */
  codes: string[];
  /** Folded words of the titles, the label and the criterion (codes left out). */
  text: string;
};

export type TreeIndex = {
  entries: CompetencyEntry[];
  byId: Map<string, CompetencyEntry>;
};

/**
 * What a search compares: accents, case, typographic apostrophes folded (`labelKey`), then
 * every character that is neither a letter, a digit nor a dot becomes a space, so that
 * « d’achat », « d'achat » and « d achat » are the same words.
 */
export function searchKey(text: string): string {
  return labelKey(text)
    .replace(/[^\p{L}\p{N}.]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Builds the search index of a tree, in the tree's order. */
export function indexTree(tree: ReferentialTree): TreeIndex {
  const entries: CompetencyEntry[] = [];
  for (const pole of tree.poles) {
    for (const situationClass of pole.classes) {
      for (const situation of situationClass.situations) {
        for (const competency of situation.competencies) {
          entries.push({
            competency,
            pole,
            situationClass,
            situation,
            codes: [pole.code, situationClass.code, situation.code, competency.code].map(searchKey),
            text: searchKey(
              [pole.title, situationClass.title, situation.title, competency.label, competency.criterion?.label ?? ''].join(' '),
            ),
          });
        }
      }
    }
  }
  return { entries, byId: new Map(entries.map((e) => [e.competency.id, e])) };
}

/** `1`, `1.1`, `1.1.2`, `C112`: a token that names a place in the tree. */
const CODE_TOKEN = /^(?:\d+(?:\.\d+)*\.?|c\d+)$/;

function tokenMatches(entry: CompetencyEntry, token: string): boolean {
  if (CODE_TOKEN.test(token)) {
    const code = token.replace(/\.$/, '');
    // A code matches from its start: « 1.1 » finds 1.1.x (never 2.1.1), « C11 » finds C111…
    const isCode = entry.codes.some((c) => c === code || c.startsWith(`${code}.`) || (code.startsWith('c') && c.startsWith(code)));
    if (isCode) return true;
  }
  return entry.text.includes(token);
}

/**
 * The competencies that match every word of the query (accent- and case-insensitive): codes
 * (`1.1.2`, `C112`, `1.1` for a whole class) or words of the titles, label and criterion.
 * An empty query matches nothing.
 */
export function searchCompetencies(index: TreeIndex, query: string): CompetencyEntry[] {
  const tokens = searchKey(query).split(' ').filter(Boolean);
  if (tokens.length === 0) return [];
  return index.entries.filter((entry) => tokens.every((token) => tokenMatches(entry, token)));
}
