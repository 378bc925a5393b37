import type { ProviderInputSchema} from '@cerise/common';
import { type LocalLoginUpdate, type Provider, type ProviderParsed, type SsoSettings } from '@cerise/common';
import type { z } from 'zod';
import type { RequestContext } from '../../context.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Deps } from '../../deps.ts';
import { conflict, notFound } from '../../http/errors.ts';
import { newId, nowIso } from '../../util/ids.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { parseProfileList } from '../auth/auth.usecases.ts';
import { findEstablishmentById, updateLocalLoginDisabledIfVersion } from '../establishments/establishments.repository.ts';
import { presentProvider } from './sso.presenter.ts';
import { CAS_PRESETS, idpKeyOf, parseJson } from './sso.providers.ts';
import * as repo from './sso.repository.ts';

/*
 * Paramètres → « Connexion ENT / ÉduConnect » (docs/sso.md « Configurer un fournisseur »):
 * providers of the establishment, and the profiles whose local password login is off.
 * Administrators only (the routes' rule); every change is audited.
 */

async function establishmentOf(deps: Deps, ctx: RequestContext) {
  const e = await findEstablishmentById(deps.db, ctx.establishmentId);
  if (!e) throw notFound();
  return e;
}

export async function getSsoSettings(deps: Deps, ctx: RequestContext): Promise<SsoSettings> {
  const e = await establishmentOf(deps, ctx);
  const [rows, counts] = await Promise.all([repo.listProviders(deps.db, e.id), repo.countIdentitiesByProvider(deps.db, e.id)]);
  return {
    providers: rows.map((r) => presentProvider(deps.config.publicUrl, e.uai, r, counts.get(r.id) ?? 0)),
    localLoginDisabledProfiles: parseProfileList(e.local_login_disabled_profiles).filter((p) => p !== 'administrator'),
    localLoginVersion: e.version,
    casPresets: CAS_PRESETS,
  };
}

/** An OIDC edit without a client secret keeps the stored one. */
function settingsToStore(input: ProviderParsed, previous: repo.ProviderRow | undefined): Record<string, unknown> {
  const settings: Record<string, unknown> = { ...input.settings };
  if (input.kind === 'oidc' && !input.settings.clientSecret && previous) {
    const old = parseJson(previous.settings) as { clientSecret?: string } | null;
    if (old?.clientSecret) settings.clientSecret = old.clientSecret;
  }
  return settings;
}

const auditDetails = (row: { label: string; kind: string }, extra: Record<string, unknown> = {}) => ({ label: row.label, kind: row.kind, ...extra });

export async function createProvider(deps: Deps, ctx: RequestContext, input: z.infer<typeof ProviderInputSchema>): Promise<Provider> {
  const e = await establishmentOf(deps, ctx);
  const at = nowIso(ctx.at);
  const settings = settingsToStore(input, undefined);
  const row: repo.ProviderRow = {
    id: newId(),
    establishment_id: e.id,
    kind: input.kind,
    label: input.label,
    enabled: input.enabled ? 1 : 0,
    profiles: JSON.stringify([...new Set(input.profiles)]),
    settings: JSON.stringify(settings),
    idp_key: idpKeyOf(input.kind, settings),
    created_at: at,
    updated_at: at,
    version: 1,
  };
  await inTransaction(deps.db, async (tx) => {
    await repo.insertProvider(tx, row);
    await recordAudit(tx, { establishmentId: e.id, actorId: ctx.actor.id, action: 'sso.provider_created', targetType: 'sso_provider', targetId: row.id, details: auditDetails(row, { enabled: input.enabled }), ip: ctx.ip, at });
  });
  return presentProvider(deps.config.publicUrl, e.uai, row, 0);
}

export async function updateProvider(
  deps: Deps,
  ctx: RequestContext,
  providerId: string,
  input: z.infer<typeof ProviderInputSchema> & { version: number },
): Promise<Provider> {
  const e = await establishmentOf(deps, ctx);
  const at = nowIso(ctx.at);
  return inTransaction(deps.db, async (tx) => {
    const current = await repo.findProvider(tx, e.id, providerId);
    if (!current) throw notFound('sso.provider_not_found');
    if (current.kind !== input.kind) throw conflict('sso.kind_unchanged');
    const settings = settingsToStore(input, current);
    const changes = {
      label: input.label,
      enabled: (input.enabled ? 1 : 0) as 0 | 1,
      profiles: JSON.stringify([...new Set(input.profiles)]),
      settings: JSON.stringify(settings),
      idp_key: idpKeyOf(input.kind, settings),
      updated_at: at,
    };
    if (!(await repo.updateProviderIfVersion(tx, e.id, providerId, input.version, changes))) {
      throw conflict('sso.version_conflict', undefined, { currentVersion: current.version });
    }
    await recordAudit(tx, { establishmentId: e.id, actorId: ctx.actor.id, action: 'sso.provider_updated', targetType: 'sso_provider', targetId: providerId, details: auditDetails(input, { enabled: input.enabled }), ip: ctx.ip, at });
    const counts = await repo.countIdentitiesByProvider(tx, e.id);
    return presentProvider(deps.config.publicUrl, e.uai, { ...current, ...changes, version: input.version + 1 }, counts.get(providerId) ?? 0);
  });
}

/** Deletes a provider with its links (the Journal keeps who had which). */
export async function deleteProvider(deps: Deps, ctx: RequestContext, providerId: string): Promise<void> {
  const at = nowIso(ctx.at);
  await inTransaction(deps.db, async (tx) => {
    const current = await repo.findProvider(tx, ctx.establishmentId, providerId);
    if (!current) throw notFound('sso.provider_not_found');
    const counts = await repo.countIdentitiesByProvider(tx, ctx.establishmentId);
    await repo.deleteProvider(tx, ctx.establishmentId, providerId);
    await recordAudit(tx, { establishmentId: ctx.establishmentId, actorId: ctx.actor.id, action: 'sso.provider_deleted', targetType: 'sso_provider', targetId: providerId, details: auditDetails(current, { links: counts.get(providerId) ?? 0 }), ip: ctx.ip, at });
  });
}

/** Which profiles lose the local password login (administrators always keep it). */
export async function updateLocalLogin(deps: Deps, ctx: RequestContext, input: LocalLoginUpdate): Promise<SsoSettings> {
  const at = nowIso(ctx.at);
  const profiles = [...new Set(input.disabledProfiles)].sort();
  await inTransaction(deps.db, async (tx) => {
    const e = await findEstablishmentById(tx, ctx.establishmentId);
    if (!e) throw notFound();
    if (!(await updateLocalLoginDisabledIfVersion(tx, e.id, input.version, JSON.stringify(profiles), at))) {
      throw conflict('sso.settings_conflict', undefined, { currentVersion: e.version });
    }
    await recordAudit(tx, { establishmentId: e.id, actorId: ctx.actor.id, action: 'sso.local_login_updated', details: { disabledProfiles: profiles }, ip: ctx.ip, at });
  });
  return getSsoSettings(deps, ctx);
}
