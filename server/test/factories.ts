import crypto from 'node:crypto';
import type { Profile } from '@cerise/common';
import type { Deps } from '../src/deps.ts';
import { profileFlags } from '../src/modules/auth/auth.presenter.ts';
import { hashPassword } from '../src/modules/auth/passwords.ts';
import { insertEstablishment } from '../src/modules/establishments/establishments.repository.ts';
import { insertAccounts } from '../src/modules/users/accounts.repository.ts';
import { newUserRow } from '../src/modules/establishments/new-accounts.ts';
import { installDefaultReferential } from '../src/modules/referentials/referentials.install.ts';
import type { UsersTable } from '../src/db/tables/foundation.ts';
import { newId, nowIso } from '../src/util/ids.ts';

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}${crypto.randomBytes(2).toString('hex')}`;

/** A unique UAI: 7 digits and a letter. */
export function uniqueUai(): string {
  return `${String(crypto.randomInt(0, 10_000_000)).padStart(7, '0')}${String.fromCharCode(65 + crypto.randomInt(0, 26))}`;
}

export async function makeEstablishment(deps: Deps, p: { uai?: string; name?: string; email?: string | null; withReferential?: boolean } = {}) {
  const id = newId();
  const uai = p.uai ?? uniqueUai();
  const at = nowIso(deps.now());
  await insertEstablishment(deps.db, { id, uai, name: p.name ?? `Lycée ${uai}`, email: p.email ?? null, settings: '{}', at });
  if (p.withReferential) await installDefaultReferential(deps.db, id, at);
  return { id, uai };
}

const hashCache = new Map<string, Promise<string>>();
const cachedHash = (pw: string) => {
  let h = hashCache.get(pw);
  if (!h) hashCache.set(pw, (h = hashPassword(pw)));
  return h;
};

export const DEFAULT_PASSWORD = 'mot-de-passe-test';

export async function makeUser(
  deps: Deps,
  establishmentId: string,
  p: Partial<UsersTable> & { profiles?: Profile[]; password?: string | null } = {},
) {
  const { profiles = ['teacher'], password = DEFAULT_PASSWORD, ...rest } = p;
  const at = nowIso(deps.now());
  const row = newUserRow(
    {
      establishment_id: establishmentId,
      login: `user.${unique()}`,
      last_name: 'Nom',
      first_name: 'Prénom',
      source: 'manual',
      password_hash: password === null ? null : await cachedHash(password),
      ...profileFlags(profiles),
      ...rest,
    },
    at,
  );
  await insertAccounts(deps.db, [row]);
  return row;
}
