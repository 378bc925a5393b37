// Single sign-on tables (migration 0007): providers per establishment, external identities.

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface SsoTables {}
