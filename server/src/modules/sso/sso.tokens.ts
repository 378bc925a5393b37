import crypto from 'node:crypto';

/** A random 256-bit token for the browser or the IdP, and the SHA-256 kept as the state's id. */
export function newStateToken(): { token: string; id: string } {
  const token = crypto.randomBytes(32).toString('base64url');
  return { token, id: stateIdOf(token) };
}

/** The stored id of a token (its SHA-256, hex): a stolen database holds no live state. */
export function stateIdOf(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

/** Tokens are base64url of 32 bytes; anything else is refused before touching the database. */
export function isWellFormedToken(token: unknown): token is string {
  return typeof token === 'string' && /^[A-Za-z0-9_-]{20,100}$/.test(token);
}
