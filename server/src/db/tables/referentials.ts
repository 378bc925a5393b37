// Referential tables: owned by the referential module (migration 0002).
import type { Flag } from './foundation.ts';

export type BepDomain = 'technique' | 'organisationnelle' | 'relationnelle';

export interface ReferentialsTable {
  id: string;
  establishment_id: string;
  /** Stable code matched on import, e.g. `BACPRO-GA`; unique per establishment. */
  code: string;
  title: string;
  /** The official text, e.g. « arrêté du 27 décembre 2011 ». */
  source: string | null;
  /** Title of the attached intermediate diploma (BEP MSA), if any. */
  bep_title: string | null;
  /** Its readiness rule, as written in the official text. */
  bep_rule: string | null;
  position: number;
  /** Bumped by every change to the referential or any of its rows (the tree's ETag). */
  version: number;
  created_at: string;
  updated_at: string;
}

export interface PolesTable {
  id: string;
  establishment_id: string;
  referential_id: string;
  code: string;
  title: string;
  general_aptitude: string | null;
  position: number;
}

export interface SituationClassesTable {
  id: string;
  establishment_id: string;
  referential_id: string;
  pole_id: string;
  code: string;
  title: string;
  transversal_criterion: string | null;
  position: number;
}

export interface SituationsTable {
  id: string;
  establishment_id: string;
  referential_id: string;
  class_id: string;
  code: string;
  title: string;
  position: number;
}

export interface CompetenciesTable {
  id: string;
  establishment_id: string;
  referential_id: string;
  situation_id: string;
  code: string;
  label: string;
  criterion_code: string | null;
  criterion_label: string | null;
  /** « à compléter »: its official complexities and hazards are still to be typed. */
  to_complete: Flag;
  position: number;
  /** Optimistic concurrency of the editor. */
  version: number;
  updated_at: string;
}

/** A complexity or a hazard of a competency (both tables have this shape). */
export interface CompetencyItemsTable {
  id: string;
  establishment_id: string;
  competency_id: string;
  /** 1-based, contiguous, from easiest to hardest for complexities. */
  position: number;
  label: string;
}

export interface BepActivitiesTable {
  id: string;
  establishment_id: string;
  referential_id: string;
  code: string;
  domain: BepDomain;
  label: string;
  autonomy: string | null;
  /** JSON array of strings. */
  details: string;
  /** JSON array of situation codes: an inference, a suggestion only. */
  suggested_situation_codes: string;
  position: number;
}

export interface ExamUnitsTable {
  id: string;
  establishment_id: string;
  referential_id: string;
  pole_id: string | null;
  /** E31, E2, E32, E33… */
  code: string;
  /** U31… */
  unit_code: string | null;
  coefficient: number | null;
  ccf: string | null;
  final_exam: string | null;
  position: number;
}

export interface ReferentialTables {
  referentials: ReferentialsTable;
  poles: PolesTable;
  situation_classes: SituationClassesTable;
  situations: SituationsTable;
  competencies: CompetenciesTable;
  complexities: CompetencyItemsTable;
  hazards: CompetencyItemsTable;
  bep_activities: BepActivitiesTable;
  exam_units: ExamUnitsTable;
}
