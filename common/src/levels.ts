import type { ResultLevel } from './mastery.ts';

/**
 * The 6-level scale as people read it (docs/guide.md §3.6.2): name, the guide's meaning, a letter typed
 * on the keyboard and printed on paper, and a colour that is never the only cue (RGAA). Used by
 * the results grid, the passport reviews and the dashboard.
 */
export type LevelInfo = {
  level: ResultLevel;
  label: string;
  /** Short text shown in a cell and on paper. */
  short: string;
  /** The key that enters this level in the grid (lower or upper case). */
  key: string;
  meaning: string;
  /** Background colour (contrast ≥ 4.5:1 with `text`). */
  color: string;
  text: string;
};

export const LEVELS: readonly LevelInfo[] = [
  {
    level: 'RT',
    label: 'Réussite totale',
    short: 'RT',
    key: 't',
    meaning: 'Réussite complète ou quasi complète, jugée d’un bon niveau par rapport à ce qui est demandé.',
    color: '#1b5e20',
    text: '#ffffff',
  },
  {
    level: 'RP',
    label: 'Réussite partielle',
    short: 'RP',
    key: 'p',
    meaning: 'Niveau suffisant par rapport à l’attendu pour réussir dans les situations où cette ressource sera utilisée.',
    color: '#a5d6a7',
    text: '#0b2e0d',
  },
  {
    level: 'ECA',
    label: 'En cours d’acquisition',
    short: 'ECA',
    key: 'e',
    meaning: 'Une partie de la tâche est accomplie, mais des lacunes risquent fort d’empêcher la réussite.',
    color: '#ffcc80',
    text: '#3e2200',
  },
  {
    level: 'TE',
    label: 'Trop d’erreurs',
    short: 'TE',
    key: 'r',
    meaning: 'Niveau qui nécessite une reprise complète de la notion.',
    color: '#b71c1c',
    text: '#ffffff',
  },
  {
    level: 'NE',
    label: 'Non évaluable',
    short: 'NE',
    key: 'n',
    meaning: 'N’a pas pu être évalué lors de cette séance, bien que l’apprenant soit présent.',
    color: '#e0e0e0',
    text: '#212121',
  },
  {
    level: 'ABS',
    label: 'Absent',
    short: 'ABS',
    key: 'a',
    meaning: 'Apprenant absent lors de cette évaluation.',
    color: '#ffffff',
    text: '#212121',
  },
];

export const LEVEL_BY_CODE: Readonly<Record<ResultLevel, LevelInfo>> = Object.fromEntries(LEVELS.map((l) => [l.level, l])) as Record<ResultLevel, LevelInfo>;

/** The four levels a teacher's review of a passport situation uses. */
export const REVIEW_LEVELS = ['RT', 'RP', 'ECA', 'TE'] as const satisfies readonly ResultLevel[];
export type ReviewLevel = (typeof REVIEW_LEVELS)[number];

/** The level a typed key or pasted text stands for (`t`, `RT`, `réussite totale`…), or null. */
export function parseLevel(text: string): ResultLevel | null {
  const s = text.trim().toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[’']/g, "'");
  if (s === '') return null;
  for (const l of LEVELS) {
    const label = l.label.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[’']/g, "'");
    if (s === l.key || s === l.short.toLowerCase() || s === label) return l.level;
  }
  return null;
}
