// Teaching tables (migration 0004): scenarios, evaluations, passport, dashboard filters, files.
// Every row carries establishment_id; references to referential items are ON DELETE RESTRICT,
// so an item in use cannot disappear under the evidence that points to it.
import type { Flag } from './foundation.ts';

/** The 6-level scale (GLOSSARY): réussite totale … absent. */
export type ResultLevel = 'RT' | 'RP' | 'ECA' | 'TE' | 'NE' | 'ABS';
/** A teacher's review of a passport situation uses the four evaluable levels. */
export type ReviewLevel = 'RT' | 'RP' | 'ECA' | 'TE';
export type SchoolLevel = 'seconde' | 'premiere' | 'terminale';
export type AttachmentMediaType = 'application/pdf' | 'application/zip' | 'image/jpeg' | 'image/png';

/** One stored file, content-addressed per establishment (the storage key is derived from sha256). */
export interface FilesTable {
  id: string;
  establishment_id: string;
  sha256: string;
  size: number;
  media_type: AttachmentMediaType;
  created_at: string;
}

export interface ScenariosTable {
  id: string;
  establishment_id: string;
  author_id: string;
  title: string;
  is_private: Flag;
  level: SchoolLevel | null;
  context: string;
  materials: string;
  /** JSON array of http(s) URLs. */
  links: string;
  resources: string;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface ScenarioCompetenciesTable {
  id: string;
  establishment_id: string;
  scenario_id: string;
  competency_id: string;
  position: number;
}

/** A chosen complexity or hazard (exactly one of the two is set). Same shape for evaluations and passport. */
export interface ChosenItemsTable {
  id: string;
  establishment_id: string;
  /** scenario_competencies.id, evaluation_competencies.id or passport_situations.id */
  owner_id: string;
  complexity_id: string | null;
  hazard_id: string | null;
}

export interface ScenarioAttachmentsTable {
  id: string;
  establishment_id: string;
  scenario_id: string;
  file_id: string;
  filename: string;
  created_at: string;
}

export interface EvaluationsTable {
  id: string;
  establishment_id: string;
  author_id: string;
  scenario_id: string | null;
  title: string;
  /** aaaa-mm-jj */
  evaluated_on: string;
  school_year: string;
  is_visible: Flag;
  created_at: string;
  updated_at: string;
  /** Bumped by changes to the evaluation's definition (title, date, competencies, learners). */
  version: number;
}

export interface EvaluationCoauthorsTable {
  id: string;
  establishment_id: string;
  evaluation_id: string;
  teacher_id: string;
}

export interface EvaluationCompetenciesTable {
  id: string;
  establishment_id: string;
  evaluation_id: string;
  competency_id: string;
  position: number;
}

export interface EvaluationLearnersTable {
  id: string;
  establishment_id: string;
  evaluation_id: string;
  learner_id: string;
  comment: string;
  /** Per-comment optimistic concurrency. */
  comment_version: number;
}

export interface ResultsTable {
  id: string;
  establishment_id: string;
  evaluation_id: string;
  evaluation_competency_id: string;
  learner_id: string;
  /** Denormalised from evaluation_competencies for the dashboard's reads. */
  competency_id: string;
  level: ResultLevel;
  /** The evaluation's date when the result was entered (aaaa-mm-jj). */
  evaluated_on: string;
  /** When the value was last recorded: orders same-day evidence (docs/design.md §5). */
  recorded_at: string;
  recorded_by: string;
  /** Per-cell optimistic concurrency. */
  version: number;
}

export interface PassportSituationsTable {
  id: string;
  establishment_id: string;
  learner_id: string;
  title: string;
  /** aaaa-mm-jj */
  occurred_on: string;
  place: string;
  context: string;
  conditions: string;
  competency_id: string;
  /** Detailed BAC PRO part. */
  done_text: string;
  produced_text: string;
  analysis_text: string;
  usage_text: string;
  bep_activity_id: string | null;
  /** BEP part's details (free text). */
  bep_text: string;
  /** Last change of the content by the learner: « modifiée depuis l'évaluation ». */
  content_changed_at: string;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface PassportReviewsTable {
  id: string;
  establishment_id: string;
  situation_id: string;
  teacher_id: string;
  level: ReviewLevel;
  appraisal: string;
  /** aaaa-mm-jj: the review's date is the evidence's date. */
  reviewed_on: string;
  created_at: string;
}

export interface PassportAttachmentsTable {
  id: string;
  establishment_id: string;
  situation_id: string;
  file_id: string;
  filename: string;
  part: 'common' | 'bacpro' | 'bep';
  created_at: string;
}

export interface BlockedCompetenciesTable {
  id: string;
  establishment_id: string;
  learner_id: string;
  competency_id: string;
  teacher_id: string;
  blocked_at: string;
}

export interface DashboardFiltersTable {
  id: string;
  establishment_id: string;
  owner_id: string;
  name: string;
  created_at: string;
  updated_at: string;
}

export interface DashboardFilterCompetenciesTable {
  id: string;
  establishment_id: string;
  filter_id: string;
  competency_id: string;
}

export interface TeachingTables {
  files: FilesTable;
  scenarios: ScenariosTable;
  scenario_competencies: ScenarioCompetenciesTable;
  scenario_items: ChosenItemsTable;
  scenario_attachments: ScenarioAttachmentsTable;
  evaluations: EvaluationsTable;
  evaluation_coauthors: EvaluationCoauthorsTable;
  evaluation_competencies: EvaluationCompetenciesTable;
  evaluation_items: ChosenItemsTable;
  evaluation_learners: EvaluationLearnersTable;
  results: ResultsTable;
  passport_situations: PassportSituationsTable;
  passport_items: ChosenItemsTable;
  passport_reviews: PassportReviewsTable;
  passport_attachments: PassportAttachmentsTable;
  blocked_competencies: BlockedCompetenciesTable;
  dashboard_filters: DashboardFiltersTable;
  dashboard_filter_competencies: DashboardFilterCompetenciesTable;
}
