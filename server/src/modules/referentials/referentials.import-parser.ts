import {
  errorMessage,
  REFERENTIAL_DOCUMENT_FORMAT,
  ReferentialDocumentSchema,
  type ReferentialDocument,
} from '@cerise/common';
import type { z } from 'zod';
import { badRequest } from '../../http/errors.ts';
import { findDuplicateCodes, findDuplicateItems } from './referentials.document.ts';
import { documentFromSource, isAgoraSection, isSourceFile, type SourceSection } from './referentials.source-format.ts';

/**
 * Reading an import file: our exchange format or the repository's source file, checked for
 * what makes it unusable whatever the establishment holds (format, duplicate codes and items).
 * Every refusal is a 400 with a stable code and a French message naming the culprits.
 */

const MAX_LISTED = 10;

export function listSome(values: readonly string[]): string {
  const shown = values.slice(0, MAX_LISTED).join(', ');
  return values.length > MAX_LISTED ? `${shown}… (${values.length} au total)` : shown;
}

function frenchIssue(issue: z.core.$ZodIssue): string {
  const where = issue.path.length ? issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '') : 'racine';
  let what: string;
  switch (issue.code) {
    case 'invalid_type':
      what = issue.input === undefined ? 'valeur manquante' : `type inattendu (attendu : ${issue.expected})`;
      break;
    case 'too_small':
      what = issue.origin === 'array' ? `au moins ${String(issue.minimum)} élément(s) attendu(s)` : 'valeur vide ou trop courte';
      break;
    case 'too_big':
      what = issue.origin === 'array' ? `au plus ${String(issue.maximum)} éléments` : `trop long (au plus ${String(issue.maximum)} caractères)`;
      break;
    case 'invalid_value':
      what = `valeur non reconnue (attendu : ${issue.values.map((v) => JSON.stringify(v)).join(' ou ')})`;
      break;
    default:
      what = 'valeur invalide';
  }
  return `${where} : ${what}`;
}

function invalidFormat(issues: readonly z.core.$ZodIssue[], intro?: string): never {
  const problems = issues.slice(0, 20).map(frenchIssue);
  const first = problems[0] ? ` Premier problème : ${problems[0]}.` : '';
  throw badRequest('referentials.import_invalid_format', `${intro ?? errorMessage('referentials.import_invalid_format')}${first}`, {
    problems,
  });
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The exchange document in a file: our own format, or the repository's source file. */
export function parseImportDocument(raw: unknown, section: SourceSection): ReferentialDocument {
  // Sent as text (text/plain upload): parse it here, with the same refusal as the JSON parser.
  let body = raw;
  if (typeof raw === 'string') {
    try {
      body = JSON.parse(raw.replace(/^\uFEFF/, ''));
    } catch {
      throw badRequest('referentials.import_invalid_json');
    }
  }
  let candidate: unknown = body;
  if (isRecord(body) && 'format' in body) {
    if (body.format !== REFERENTIAL_DOCUMENT_FORMAT) {
      throw badRequest(
        'referentials.import_invalid_format',
        `${errorMessage('referentials.import_invalid_format')} Format « ${String(body.format)} » inconnu (attendu : « ${REFERENTIAL_DOCUMENT_FORMAT} »).`,
      );
    }
  } else if (isSourceFile(body) || isAgoraSection(body)) {
    const converted = documentFromSource(body, section);
    if (!converted.ok) invalidFormat(converted.issues);
    candidate = converted.document;
  } else {
    throw badRequest(
      'referentials.import_invalid_format',
      `${errorMessage('referentials.import_invalid_format')} Le fichier doit être un référentiel exporté par Cerise Pro (« format » : « ${REFERENTIAL_DOCUMENT_FORMAT} »).`,
    );
  }
  const parsed = ReferentialDocumentSchema.safeParse(candidate);
  if (!parsed.success) invalidFormat(parsed.error.issues);
  const doc = parsed.data;

  const dupCodes = findDuplicateCodes(doc);
  if (dupCodes.length > 0) {
    throw badRequest(
      'referentials.import_duplicate_code',
      `${errorMessage('referentials.import_duplicate_code')} ${listSome(dupCodes.map((d) => `${d.level} ${d.code}`))}.`,
      { duplicates: dupCodes },
    );
  }
  const dupItems = findDuplicateItems(doc);
  if (dupItems.length > 0) {
    const names = dupItems.map((d) => `${d.competencyCode} (${d.list === 'complexities' ? 'complexité' : 'aléa'} « ${d.label} »)`);
    throw badRequest('referentials.import_duplicate_item', `${errorMessage('referentials.import_duplicate_item')} ${listSome(names)}.`, {
      duplicates: dupItems,
    });
  }
  return doc;
}
