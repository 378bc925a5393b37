import {
  checkSettingsConsistency,
  EstablishmentSettingsSchema,
  nextSchoolYear,
  type ChangeSchoolYearRequest,
  type SettingsResponse,
  type UpdateCalculationSettingsRequestSchema,
  type UpdateEstablishmentDetailsRequestSchema,
} from '@cerise/common';
import type { z } from 'zod';
import type { RequestContext } from '../../context.ts';
import type { Deps } from '../../deps.ts';
import type { DbOrTx } from '../../db/schema.ts';
import type { EstablishmentsTable } from '../../db/tables/foundation.ts';
import { inTransaction } from '../../db/transaction.ts';
import { AppError, badRequest, conflict, notFound } from '../../http/errors.ts';
import { nowIso } from '../../util/ids.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import type { SessionUser } from '../auth/auth.presenter.ts';
import { loginUrl } from '../establishments/new-accounts.ts';
import { activeSchoolYear } from '../establishments/school-year.ts';
import { missingEstablishmentFields, presentSettings } from './settings.presenter.ts';
import * as repo from './settings.repository.ts';

/**
 * Loads the establishment and checks that its name and e-mail are filled in: both are required
 * before any user is created by hand or any mail goes out (docs/guide.md §3.2.2, § 3.4.2). The 409
 * `settings.establishment_incomplete` lists what is missing; the web links to Paramètres.
 */
export async function assertEstablishmentReady(db: DbOrTx, establishmentId: string): Promise<EstablishmentsTable> {
  const e = await repo.findEstablishment(db, establishmentId);
  if (!e) throw notFound();
  const missing = missingEstablishmentFields(e);
  if (missing.length > 0) throw new AppError(409, 'settings.establishment_incomplete', undefined, { missing, module: 'settings' });
  return e;
}

async function requireEstablishment(db: DbOrTx, establishmentId: string): Promise<EstablishmentsTable> {
  const e = await repo.findEstablishment(db, establishmentId);
  if (!e) throw notFound();
  return e;
}

function versionConflict(currentVersion: number): AppError {
  return conflict('common.version_conflict', undefined, { currentVersion });
}

/** The settings as the page shows them, with the current school year and the next one. */
async function present(deps: Deps, db: DbOrTx, e: EstablishmentsTable, now: Date): Promise<SettingsResponse> {
  const current = await activeSchoolYear(db, e.id, now);
  const next = nextSchoolYear(current) ?? current;
  const nextYearClasses = await repo.countDivisionsOfYear(db, e.id, next);
  return presentSettings(e, loginUrl(deps, e.uai), { current, next, nextYearClasses });
}

export async function getSettings(deps: Deps, user: SessionUser): Promise<SettingsResponse> {
  const e = await requireEstablishment(deps.db, user.establishmentId);
  return present(deps, deps.db, e, deps.now());
}

type DetailsInput = z.output<typeof UpdateEstablishmentDetailsRequestSchema>;

export async function updateEstablishmentDetails(deps: Deps, ctx: RequestContext, input: DetailsInput): Promise<SettingsResponse> {
  const { actor: user, ip } = ctx;
  const at = nowIso(ctx.at);
  return inTransaction(deps.db, async (tx) => {
    const before = await requireEstablishment(tx, user.establishmentId);
    const values: repo.EstablishmentDetailsColumns = {
      name: input.name,
      address: input.address,
      postal_code: input.postalCode,
      town: input.town,
      phone: input.phone,
      email: input.email,
      head_name: input.headName,
      website: input.website,
    };
    if (!(await repo.updateDetails(tx, user.establishmentId, input.version, values, at))) throw versionConflict(before.version);
    const changes: Record<string, { from: string | null; to: string | null }> = {};
    for (const [key, to] of Object.entries(values) as [keyof repo.EstablishmentDetailsColumns, string | null][]) {
      if (before[key] !== to) changes[key] = { from: before[key], to };
    }
    await recordAudit(tx, {
      establishmentId: user.establishmentId,
      actorId: user.id,
      action: 'settings.establishment_updated',
      targetType: 'establishment',
      targetId: user.establishmentId,
      details: { changes },
      ip,
      at,
    });
    const after = await requireEstablishment(tx, user.establishmentId);
    return present(deps, tx, after, ctx.at);
  });
}

type CalculationInput = z.output<typeof UpdateCalculationSettingsRequestSchema>;

export async function updateCalculationSettings(deps: Deps, ctx: RequestContext, input: CalculationInput): Promise<SettingsResponse> {
  const { actor: user, ip } = ctx;
  const { version, ...rest } = input;
  const settings = EstablishmentSettingsSchema.parse(rest);
  const problems = checkSettingsConsistency(settings);
  if (problems.length > 0) throw badRequest(problems[0]!.code, undefined, { problems });
  const at = nowIso(ctx.at);
  return inTransaction(deps.db, async (tx) => {
    const before = await requireEstablishment(tx, user.establishmentId);
    // Keep keys other modules may have added to the JSON; replace the ones this form owns.
    let raw: Record<string, unknown> = {};
    try {
      const parsed: unknown = JSON.parse(before.settings || '{}');
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) raw = parsed as Record<string, unknown>;
    } catch {
      raw = {};
    }
    const json = JSON.stringify({ ...raw, ...settings });
    if (!(await repo.updateSettingsJson(tx, user.establishmentId, version, json, at))) throw versionConflict(before.version);
    await recordAudit(tx, {
      establishmentId: user.establishmentId,
      actorId: user.id,
      action: 'settings.calculation_updated',
      targetType: 'establishment',
      targetId: user.establishmentId,
      details: { settings },
      ip,
      at,
    });
    const after = await requireEstablishment(tx, user.establishmentId);
    return present(deps, tx, after, ctx.at);
  });
}

/**
 * « Passer à l'année 2027-2028 » (docs/design.md §4): the establishment's school year becomes the
 * next one. From then on every screen shows that year's classes, groups and services (imported
 * before or after the switch); the earlier years' classes stay in the database, and a learner's
 * evidence (results, passport) belongs to the learner, not to a class, so it follows them.
 * Only the year right after the current one is accepted (no skipping, no going back by mistake);
 * the establishment's version guards against two administrators switching at once. Audited.
 */
export async function changeSchoolYear(deps: Deps, ctx: RequestContext, input: ChangeSchoolYearRequest): Promise<SettingsResponse> {
  const { actor: user, ip } = ctx;
  const at = nowIso(ctx.at);
  return inTransaction(deps.db, async (tx) => {
    const before = await requireEstablishment(tx, user.establishmentId);
    if (before.version !== input.version) throw versionConflict(before.version);
    const current = await activeSchoolYear(tx, user.establishmentId, ctx.at);
    if (input.schoolYear !== nextSchoolYear(current)) {
      throw badRequest('settings.school_year_not_next', undefined, { current, next: nextSchoolYear(current) });
    }
    if (!(await repo.updateSchoolYear(tx, user.establishmentId, input.version, input.schoolYear, at))) throw versionConflict(before.version);
    await recordAudit(tx, {
      establishmentId: user.establishmentId,
      actorId: user.id,
      action: 'settings.school_year_changed',
      targetType: 'establishment',
      targetId: user.establishmentId,
      details: { from: current, to: input.schoolYear },
      ip,
      at,
    });
    const after = await requireEstablishment(tx, user.establishmentId);
    return present(deps, tx, after, ctx.at);
  });
}
