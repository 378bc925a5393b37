/** Booleans are stored as 0/1 integers on both engines (CHECK constrained). */
export type Flag = 0 | 1;

export interface EstablishmentsTable {
  id: string;
  uai: string;
  name: string;
  email: string | null;
  address: string | null;
  postal_code: string | null;
  town: string | null;
  phone: string | null;
  head_name: string | null;
  website: string | null;
  /** The school year the screens show, e.g. `2026-2027`; changed in Paramètres (NULL: not chosen yet). */
  school_year: string | null;
  /** JSON array of the profiles whose local-password login is switched off (docs/sso.md); administrators always keep it. */
  local_login_disabled_profiles: string;
  /** JSON: mastery method, thresholds, CCF settings. */
  settings: string;
  created_at: string;
  updated_at: string;
  version: number;
}

export type InitialPasswordKind = 'birthdate_iso' | 'birthdate_ddmmyyyy' | 'random';

export type PasswordDelivery = 'mail' | 'letter' | 'screen' | 'import';

export interface UsersTable {
  id: string;
  establishment_id: string;
  login: string;
  is_administrator: Flag;
  is_teacher: Flag;
  is_learner: Flag;
  is_parent: Flag;
  civility: string | null;
  last_name: string;
  first_name: string;
  birth_date: string | null;
  email: string | null;
  source: 'siecle' | 'manual';
  /** SIECLE/STSWEB identity, e.g. `sts:1234`, `eleve:5678`, `resp:999`. */
  external_id: string | null;
  national_id: string | null;
  discipline: string | null;
  password_hash: string | null;
  initial_password_kind: InitialPasswordKind | null;
  /** For `random` initial passwords: `salt:sha256hex` of a high-entropy secret (not a slow hash, docs/design.md §4). */
  initial_secret_hash: string | null;
  must_change_password: Flag;
  /** How the temporary password in force was handed over; NULL: none in force (migration 0008). */
  password_delivery: PasswordDelivery | null;
  hidden_at: string | null;
  left_at: string | null;
  last_login_at: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface SessionsTable {
  /** SHA-256 of the cookie token: a stolen database does not give live sessions. */
  id: string;
  user_id: string;
  establishment_id: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  ip: string | null;
  user_agent: string | null;
  /** The SSO provider the session was opened through (docs/sso.md), or null for a local login. */
  sso_provider_id: string | null;
}

export interface LoginAttemptsTable {
  id: string;
  key: string;
  at: string;
}

export interface MailOutboxTable {
  id: string;
  establishment_id: string | null;
  to_address: string;
  subject: string;
  /** Holds SECRET_PLACEHOLDER where the secret goes (modules/mail/mail.secrets.ts). */
  text_body: string;
  /** The reset link or temporary password, until the mail is sent; never shown. */
  secret: string | null;
  kind: string;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
}

export interface AuditLogTable {
  id: string;
  establishment_id: string | null;
  actor_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  details: string | null;
  ip: string | null;
  at: string;
}

export interface DivisionsTable {
  id: string;
  establishment_id: string;
  school_year: string;
  code: string;
  label: string | null;
  mef: string | null;
  hidden_at: string | null;
  created_at: string;
}

export interface GroupsTable {
  id: string;
  establishment_id: string;
  school_year: string;
  code: string;
  label: string | null;
  hidden_at: string | null;
  created_at: string;
}

export interface MembershipsTable {
  id: string;
  establishment_id: string;
  school_year: string;
  learner_id: string;
  division_id: string | null;
  group_id: string | null;
}

export interface TeachingsTable {
  id: string;
  establishment_id: string;
  school_year: string;
  teacher_id: string;
  division_id: string | null;
  group_id: string | null;
  discipline: string | null;
}

export interface GuardiansTable {
  id: string;
  establishment_id: string;
  parent_id: string;
  learner_id: string;
  level: number;
}

export interface ImportRunsTable {
  id: string;
  establishment_id: string;
  actor_id: string | null;
  kind: 'teachers' | 'learners';
  status: 'analysed' | 'applied' | 'failed';
  files: string;
  counts: string;
  report: string | null;
  created_at: string;
  applied_at: string | null;
}

export interface FoundationTables {
  establishments: EstablishmentsTable;
  users: UsersTable;
  sessions: SessionsTable;
  login_attempts: LoginAttemptsTable;
  mail_outbox: MailOutboxTable;
  audit_log: AuditLogTable;
  divisions: DivisionsTable;
  groups: GroupsTable;
  memberships: MembershipsTable;
  teachings: TeachingsTable;
  guardians: GuardiansTable;
  import_runs: ImportRunsTable;
}
