/**
 * « Import des identifiants ENT » (docs/sso.md « Import des identifiants ENT »): the dry run reads
 * the file, maps its columns (a preset, a mapping sent, or the first preset whose columns are all
 * in the header) and reports what would happen; apply runs the same plan again inside one
 * transaction, refuses if it differs from the dry run's (`digest`), writes every link or none,
 * and records one entry in the Journal des actions.
 */
import fs from 'node:fs';
import {
  IDENTITY_IMPORT_PRESET_IDS,
  IDENTITY_IMPORT_PRESETS,
  IdentityImportMappingSchema,
  type IdentityImportApplied,
  type IdentityImportMapping,
  type IdentityImportReport,
} from '@cerise/common';
import type { RequestContext } from '../../../context.ts';
import { inTransaction } from '../../../db/transaction.ts';
import type { DbOrTx } from '../../../db/schema.ts';
import type { Deps } from '../../../deps.ts';
import { AppError, badRequest, conflict, notFound } from '../../../http/errors.ts';
import { newId, nowIso } from '../../../util/ids.ts';
import { recordAudit } from '../../audit/audit.repository.ts';
import * as sso from '../sso.repository.ts';
import { columnsOf, foldHeader, IdentityCsvError, mapLines, MAX_IMPORT_BYTES, readCsv, type CsvTable } from './identity-import.csv.ts';
import { accountsForImport } from './identity-import.repository.ts';
import { planIdentityImport, type ImportPlan } from './identity-import.plan.ts';

export interface ImportInput {
  providerId: string;
  file: { tmpPath: string; size: number } | null;
  /** JSON of a mapping, or a preset id, or empty (detect). */
  mapping: string | undefined;
}

async function loadProvider(db: DbOrTx, ctx: RequestContext, providerId: string) {
  const provider = /^[0-9a-f-]{36}$/i.test(providerId) ? await sso.findProvider(db, ctx.establishmentId, providerId) : undefined;
  if (!provider) throw notFound('sso.import_provider_not_found');
  return provider;
}

async function readTable(file: ImportInput['file']): Promise<CsvTable> {
  if (!file) throw badRequest('sso.import_missing_file');
  if (file.size > MAX_IMPORT_BYTES) throw badRequest('sso.import_file_too_large');
  try {
    return readCsv(await fs.promises.readFile(file.tmpPath));
  } catch (e) {
    if (e instanceof IdentityCsvError) throw badRequest(e.code);
    throw e;
  }
}

/** A preset whose named columns are all in the header, else the first preset that fits the width. */
function detectMapping(table: CsvTable): IdentityImportMapping {
  const header = (table.lines[0] ?? []).map(foldHeader);
  // Column names commonly seen in ENT exports.
  const find = (...names: string[]) => {
    const i = header.findIndex((h) => names.some((n) => h === foldHeader(n)));
    return i >= 0 ? i : null;
  };
  const extras = {
    sconetId: find('ELEVE_ID', 'id_sconet', 'sconet', 'identifiant siecle', 'TSSCONETID'),
    ine: find('INE'),
    profile: find('Profil', 'profile', 'type'),
  };
  for (const id of IDENTITY_IMPORT_PRESET_IDS) {
    const p = IDENTITY_IMPORT_PRESETS[id];
    const named = ([p.idEnt, p.lastName, p.firstName] as (string | number)[]).filter((c): c is string => typeof c === 'string');
    if (named.length > 0 && named.every((n) => header.includes(foldHeader(n)))) {
      return IdentityImportMappingSchema.parse({ ...p, sconetId: p.sconetId ?? extras.sconetId, ine: p.ine ?? extras.ine, profile: p.profile ?? extras.profile });
    }
  }
  const idEnt = find('Identifiant ENT', 'id_ent', 'uid', 'login', 'identifiant');
  const lastName = find('Nom', 'nom de famille', 'sn', 'last name');
  const firstName = find('Prénom', 'prenom', 'givenName', 'first name');
  if (idEnt !== null && lastName !== null && firstName !== null) return { headerRows: 1, idEnt, lastName, firstName, ...extras };
  return IdentityImportMappingSchema.parse({ headerRows: 1, idEnt: 0, lastName: 1, firstName: 2 });
}

function parseMapping(raw: string | undefined, table: CsvTable): IdentityImportMapping {
  const text = raw?.trim() ?? '';
  if (text === '' || text === 'auto') return detectMapping(table);
  if (text in IDENTITY_IMPORT_PRESETS) return IdentityImportMappingSchema.parse(IDENTITY_IMPORT_PRESETS[text as keyof typeof IDENTITY_IMPORT_PRESETS]);
  let json: unknown;
  try {
    json = JSON.parse(text.slice(0, 5000));
  } catch {
    throw badRequest('sso.import_invalid_mapping');
  }
  const parsed = IdentityImportMappingSchema.safeParse(json);
  if (!parsed.success) throw badRequest('sso.import_invalid_mapping');
  return parsed.data;
}

async function plan(db: DbOrTx, ctx: RequestContext, providerId: string, table: CsvTable, mapping: IdentityImportMapping): Promise<ImportPlan> {
  let lines;
  try {
    lines = mapLines(table, mapping);
  } catch (e) {
    if (e instanceof IdentityCsvError) throw badRequest(e.code);
    throw e;
  }
  const [accounts, links] = await Promise.all([accountsForImport(db, ctx.establishmentId), sso.identitiesOfProvider(db, ctx.establishmentId, providerId)]);
  return planIdentityImport(lines, accounts, links, nowIso(ctx.at));
}

/** The dry run: nothing is written. */
export async function previewImport(deps: Deps, ctx: RequestContext, input: ImportInput): Promise<IdentityImportReport> {
  const provider = await loadProvider(deps.db, ctx, input.providerId);
  const table = await readTable(input.file);
  const mapping = parseMapping(input.mapping, table);
  const p = await plan(deps.db, ctx, provider.id, table, mapping);
  return {
    providerId: provider.id,
    providerLabel: provider.label,
    columns: columnsOf(table, mapping.headerRows),
    sample: table.lines.slice(mapping.headerRows, mapping.headerRows + 3),
    encoding: table.encoding,
    delimiter: table.delimiter,
    mapping,
    counts: p.counts,
    rows: p.rows,
    digest: p.digest,
  };
}

/** Apply: the same plan, in one transaction, only if it is still the one the dry run showed. */
export async function applyImport(deps: Deps, ctx: RequestContext, input: ImportInput & { digest: string | undefined }): Promise<IdentityImportApplied> {
  await loadProvider(deps.db, ctx, input.providerId);
  const table = await readTable(input.file);
  const mapping = parseMapping(input.mapping, table);
  if (!input.digest || input.digest.length > 100) throw badRequest('sso.import_missing_digest');
  const at = nowIso(ctx.at);
  try {
    return await applyPlan(deps, ctx, { providerId: input.providerId, digest: input.digest }, table, mapping, at);
  } catch (e) {
    // Two applies at once: the second hits the (provider, subject) uniqueness and sees a stale plan.
    const code = (e as { code?: unknown }).code;
    if (!(e instanceof AppError) && (code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE')) throw conflict('sso.import_stale');
    throw e;
  }
}

function applyPlan(deps: Deps, ctx: RequestContext, input: { providerId: string; digest: string }, table: CsvTable, mapping: IdentityImportMapping, at: string): Promise<IdentityImportApplied> {
  return inTransaction(deps.db, async (tx) => {
    const provider = await loadProvider(tx, ctx, input.providerId);
    const p = await plan(tx, ctx, provider.id, table, mapping);
    if (p.digest !== input.digest) throw conflict('sso.import_stale');
    if (p.changes.length === 0) throw new AppError(422, 'sso.import_nothing_to_apply');
    for (const c of p.changes) if (c.replaces !== null) await sso.deleteIdentitiesOfUser(tx, ctx.establishmentId, provider.id, c.userId);
    await sso.insertIdentities(
      tx,
      p.changes.map((c) => ({
        id: newId(),
        establishment_id: ctx.establishmentId,
        user_id: c.userId,
        provider_id: provider.id,
        subject: c.subject,
        rule: 'import' as const,
        linked_by_user_id: ctx.actor.id,
        linked_at: at,
      })),
    );
    const linked = p.changes.filter((c) => c.replaces === null).length;
    const changed = p.changes.length - linked;
    await recordAudit(tx, {
      establishmentId: ctx.establishmentId,
      actorId: ctx.actor.id,
      action: 'sso.identities_imported',
      targetType: 'sso_provider',
      targetId: provider.id,
      details: { provider: provider.label, linked, changed, ...Object.fromEntries(Object.entries(p.counts).filter(([k, v]) => v > 0 && k !== 'linked' && k !== 'changed')) },
      ip: ctx.ip,
      at,
    });
    return { linked, changed };
  });
}
