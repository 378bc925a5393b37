import { z } from 'zod';
import { BEP_DOMAINS, REFERENTIAL_DOCUMENT_FORMAT, REFERENTIAL_DOCUMENT_VERSION, type ReferentialDocument } from '@cerise/common/referentials.schemas';

/*
 * The repository's source file (server/data/referentiels/bacpro-ga.json, French field names, one
 * source cited per value) turned into the exchange document. Lists that were not found in a
 * readable source hold the string "UNSOURCED": they become empty lists and the competency is
 * marked « à compléter ». Nothing is ever invented in their place.
 */

export const GA_CODE = 'BACPRO-GA';
export const AGORA_CODE = 'BACPRO-AGORA';

const isUnsourced = (v: unknown): boolean => typeof v === 'string' && v.trim().toUpperCase().startsWith('UNSOURCED');
const text = z.string().trim().min(1);
/** A list, or "UNSOURCED" (any string stands for "not found"). */
const listOrUnsourced = z.union([z.array(z.string()), z.string()]);

const SourceSituationSchema = z.looseObject({
  code: text,
  titre: text,
  competences: z.array(
    z.looseObject({
      code: text,
      libelle: text,
      critere_evaluation: z.looseObject({ code: z.string().optional(), libelle: text }).nullable().optional(),
    }),
  ),
  complexites: listOrUnsourced.optional(),
  aleas: listOrUnsourced.optional(),
});

const SourcePoleSchema = z.looseObject({
  code: text,
  titre: text,
  aptitude_generale: z.string().optional(),
  epreuve: z
    .looseObject({
      code: text,
      unite: z.string().optional(),
      coefficient: z.number().int().optional(),
      ccf: z.string().optional(),
      ponctuel: z.string().optional(),
    })
    .optional(),
  classes: z.array(
    z.looseObject({
      code: text,
      titre: text,
      critere_transversal: z.string().optional(),
      situations: z.array(SourceSituationSchema),
    }),
  ),
});

const SourceBepSchema = z.looseObject({
  intitule: text,
  regle_pret_ccf_EP1: z.string().optional(),
  activites: z.array(
    z.looseObject({
      code_local: text,
      dominante: z.enum(BEP_DOMAINS),
      libelle: text,
      autonomie_RAP: z.string().optional(),
      competences_detaillees: listOrUnsourced.optional(),
      liens_GA_inferes: listOrUnsourced.optional(),
    }),
  ),
});

const SourceAgoraSchema = z.looseObject({
  intitule: text,
  poles: z.array(
    z.looseObject({
      code: text,
      titre: text,
      bloc: z.string().optional(),
      epreuve: z.string().optional(),
      activites: z.array(
        z.looseObject({
          code: text,
          titre: text,
          competences: z.array(z.looseObject({ code: text, libelle: text })),
        }),
      ),
    }),
  ),
});

const SourceFileSchema = z.looseObject({
  meta: z.looseObject({}).optional(),
  poles: z.array(SourcePoleSchema),
  bep_msa: SourceBepSchema.optional(),
  agora_exemple: z.unknown().optional(),
});

export type SourceSection = 'ga' | 'agora_exemple';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The repository's source file: `poles` with `classes`, and `meta` or `bep_msa`. */
export function isSourceFile(json: unknown): boolean {
  return isRecord(json) && Array.isArray(json.poles) && ('bep_msa' in json || 'meta' in json || 'agora_exemple' in json);
}

/** The `agora_exemple` part alone: `intitule` and `poles` with `activites`. */
export function isAgoraSection(json: unknown): boolean {
  return isRecord(json) && typeof json.intitule === 'string' && Array.isArray(json.poles) && !('meta' in json);
}

const list = (v: unknown): string[] => (Array.isArray(v) ? v.map((s) => String(s).trim()).filter(Boolean) : []);
const optional = (v: string | undefined): string | null => (v && !isUnsourced(v) ? v.trim() : null);

/** Turns the Bac Pro GA part of the source file (with the BEP MSA) into an exchange document. */
export function gaDocumentFromSource(data: z.infer<typeof SourceFileSchema>): ReferentialDocument {
  const bep = data.bep_msa;
  return {
    format: REFERENTIAL_DOCUMENT_FORMAT,
    formatVersion: REFERENTIAL_DOCUMENT_VERSION,
    referential: {
      code: GA_CODE,
      title: 'Bac Pro Gestion-Administration',
      source: 'Arrêté du 27 décembre 2011 (NOR MENE1135568A)',
      bep: bep
        ? { title: bep.intitule, rule: optional(bep.regle_pret_ccf_EP1?.replace(/\s*\(source\s*:[\s\S]*\)\s*$/, '')) }
        : null,
      poles: data.poles.map((p) => ({
        code: p.code,
        title: p.titre,
        generalAptitude: optional(p.aptitude_generale),
        examUnit: p.epreuve
          ? {
              code: p.epreuve.code,
              unitCode: optional(p.epreuve.unite),
              coefficient: p.epreuve.coefficient ?? null,
              ccf: optional(p.epreuve.ccf),
              finalExam: optional(p.epreuve.ponctuel),
            }
          : null,
        classes: p.classes.map((c) => ({
          code: c.code,
          title: c.titre,
          transversalCriterion: optional(c.critere_transversal),
          situations: c.situations.map((s) => {
            const toComplete = !Array.isArray(s.complexites) || !Array.isArray(s.aleas);
            return {
              code: s.code,
              title: s.titre,
              competencies: s.competences.map((k) => ({
                code: k.code,
                label: k.libelle,
                criterion: k.critere_evaluation
                  ? { code: optional(k.critere_evaluation.code), label: k.critere_evaluation.libelle }
                  : null,
                toComplete,
                complexities: list(s.complexites),
                hazards: list(s.aleas),
              })),
            };
          }),
        })),
      })),
      bepActivities: (bep?.activites ?? []).map((a) => ({
        code: a.code_local,
        domain: a.dominante,
        label: a.libelle,
        autonomy: optional(a.autonomie_RAP),
        details: list(a.competences_detaillees),
        suggestedSituationCodes: list(a.liens_GA_inferes),
      })),
    },
  };
}

/**
 * Turns the AGOrA example into an exchange document: blocs → pôles, activities → classes de
 * situations, and each competency its own situation (one competency per situation, as in GA).
 * No complexities nor hazards: the structure has none.
 */
export function agoraDocumentFromSource(data: z.infer<typeof SourceAgoraSchema>): ReferentialDocument {
  const m = /^(.*?),\s*(arrêté .*)$/i.exec(data.intitule);
  const title = m ? m[1]!.trim() : data.intitule;
  const source = m ? m[2]!.charAt(0).toUpperCase() + m[2]!.slice(1) : null;
  return {
    format: REFERENTIAL_DOCUMENT_FORMAT,
    formatVersion: REFERENTIAL_DOCUMENT_VERSION,
    referential: {
      code: AGORA_CODE,
      title,
      source,
      bep: null,
      poles: data.poles.map((p) => {
        const [exam, unit] = (p.epreuve ?? '').split('/').map((s) => s.trim());
        return {
          code: p.code,
          title: p.titre,
          generalAptitude: optional(p.bloc),
          examUnit: exam ? { code: exam, unitCode: unit || null, coefficient: null, ccf: null, finalExam: null } : null,
          classes: p.activites.map((a) => ({
            code: a.code,
            title: a.titre,
            transversalCriterion: null,
            situations: a.competences.map((k) => ({
              code: k.code,
              title: k.libelle,
              competencies: [{ code: k.code, label: k.libelle, criterion: null, toComplete: false, complexities: [], hazards: [] }],
            })),
          })),
        };
      }),
      bepActivities: [],
    },
  };
}

export type SourceConversion = { ok: true; document: ReferentialDocument } | { ok: false; issues: z.core.$ZodIssue[] };

/** Converts a source file (or its AGOrA part) to an exchange document; issues when malformed. */
export function documentFromSource(json: unknown, section: SourceSection): SourceConversion {
  if (isAgoraSection(json)) {
    const parsed = SourceAgoraSchema.safeParse(json);
    return parsed.success ? { ok: true, document: agoraDocumentFromSource(parsed.data) } : { ok: false, issues: parsed.error.issues };
  }
  if (section === 'agora_exemple') {
    const part = isRecord(json) ? json.agora_exemple : undefined;
    const parsed = SourceAgoraSchema.safeParse(part);
    if (!parsed.success) return { ok: false, issues: parsed.error.issues.map((i) => ({ ...i, path: ['agora_exemple', ...i.path] })) };
    return { ok: true, document: agoraDocumentFromSource(parsed.data) };
  }
  const parsed = SourceFileSchema.safeParse(json);
  return parsed.success ? { ok: true, document: gaDocumentFromSource(parsed.data) } : { ok: false, issues: parsed.error.issues };
}
