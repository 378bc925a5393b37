/*
 * Small rules of French typography used wherever a sentence is built around a name.
 */

const VOWEL = /^[aeiouyàâäéèêëîïôöùûüÿæœ]/i;
const Y_THEN_VOWEL = /^y[aeiouàâäéèêëîïôöùûü]/i;
const H_THEN_VOWEL = /^h[aeiouyàâäéèêëîïôöùûüÿ]/i;

/**
 * Whether « de » elides before this word: a vowel (Adam, Élise, Yves — not Yannick, whose y is a
 * consonant) or a mute h (Hugo, Hélène; first names take the mute h in use).
 */
export function elides(word: string): boolean {
  const w = word.trim();
  if (Y_THEN_VOWEL.test(w)) return false;
  return VOWEL.test(w) || H_THEN_VOWEL.test(w);
}

/** « de Paul », « d'Adam », « d'Hélène ». */
export function deName(name: string): string {
  const n = name.trim();
  return elides(n) ? `d'${n}` : `de ${n}`;
}

/** « Responsable légale » for Mme, « Responsable légal » otherwise (the generic form). */
export function legalGuardianTitle(civility: string | null): string {
  return civility === 'Mme' ? 'Responsable légale' : 'Responsable légal';
}

/** The opening of a letter: « Madame, », « Monsieur, », or both when the civility is unknown. */
export function salutation(civility: string | null): string {
  return civility === 'Mme' ? 'Madame,' : civility === 'M.' ? 'Monsieur,' : 'Madame, Monsieur,';
}
