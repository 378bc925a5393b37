import type { Database } from './schema.ts';

/**
 * Every durable table, parents before children (foreign keys), for backup and restore. A test
 * fails when a migration adds a table that is missing here.
 */
export const DURABLE_TABLES = [
  'establishments',
  'users',
  'mail_outbox',
  'audit_log',
  'divisions',
  'groups',
  'memberships',
  'teachings',
  'guardians',
  'import_runs',
  'referentials',
  'poles',
  'situation_classes',
  'situations',
  'competencies',
  'complexities',
  'hazards',
  'bep_activities',
  'exam_units',
  'password_reset_tokens',
  'files',
  'scenarios',
  'scenario_competencies',
  'scenario_items',
  'scenario_attachments',
  'evaluations',
  'evaluation_coauthors',
  'evaluation_competencies',
  'evaluation_items',
  'evaluation_learners',
  'results',
  'passport_situations',
  'passport_items',
  'passport_reviews',
  'passport_attachments',
  'blocked_competencies',
  'dashboard_filters',
  'dashboard_filter_competencies',
  'sso_providers',
  'external_identities',
  'sso_sp_keys',
] as const satisfies readonly (keyof Database)[];

/** Tables not worth restoring: sessions, login failures and SSO protocol states (a restore logs everyone out). */
export const TRANSIENT_TABLES = ['sessions', 'login_attempts', 'sso_states'] as const satisfies readonly (keyof Database)[];

export type DurableTable = (typeof DURABLE_TABLES)[number];
