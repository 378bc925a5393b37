// Account administration tables (migration 0003).

/** A "Mot de passe oublié" link: single use, valid one hour; only the token's SHA-256 is kept. */
export interface PasswordResetTokensTable {
  id: string;
  establishment_id: string;
  user_id: string;
  token_hash: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  ip: string | null;
}

export interface AccountTables {
  password_reset_tokens: PasswordResetTokensTable;
}
