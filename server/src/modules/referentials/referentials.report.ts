import type { ImportReport } from '@cerise/common';
import { plural } from './referentials.document.ts';

/** The French wording of an import report: one summary sentence, then one line per change. */

type ListChange = ImportReport['changes'][number]['complexities'];

const quoteAll = (labels: readonly string[]) => labels.map((l) => `« ${l} »`).join(', ');

type ListName = { one: string; many: string; header: string; feminine: boolean };
const COMPLEXITIES: ListName = { one: 'complexité', many: 'complexités', header: 'Complexités', feminine: true };
const HAZARDS: ListName = { one: 'aléa', many: 'aléas', header: 'Aléas', feminine: false };

/** « 2 complexités seraient ajoutées » / « 1 aléa supprimé ». */
function counted(name: ListName, n: number, participle: string, dry: boolean): string {
  const agreed = `${participle}${name.feminine ? 'e' : ''}${n > 1 ? 's' : ''}`;
  const auxiliary = dry ? (n > 1 ? 'seraient ' : 'serait ') : '';
  return `${plural(n, name.one, name.many)} ${auxiliary}${agreed}`;
}

function describeList(name: ListName, c: ListChange, dry: boolean): string | null {
  const parts: string[] = [];
  if (c.added.length) parts.push(`${counted(name, c.added.length, 'ajouté', dry)} (${quoteAll(c.added)})`);
  if (c.removed.length) parts.push(`${counted(name, c.removed.length, 'supprimé', dry)} (${quoteAll(c.removed)})`);
  for (const r of c.renamed) parts.push(`« ${r.from} » ${dry ? 'deviendrait' : 'devient'} « ${r.to} »`);
  if (c.reordered) parts.push(dry ? "l'ordre serait modifié" : 'ordre modifié');
  return parts.length ? `${name.header} : ${parts.join(' ; ')}` : null;
}

export function describeReport(r: Omit<ImportReport, 'summary' | 'lines'>): { summary: string; lines: string[] } {
  const dry = r.dryRun;
  const n = r.counts;
  const title = `« ${r.referential.title} » (${r.referential.code})`;
  const lines: string[] = [];
  let summary: string;

  if (r.action === 'create') {
    summary = dry
      ? `L'import créerait un nouveau référentiel ${title}.`
      : `Le nouveau référentiel ${title} a été créé.`;
    const content = [
      plural(n.poles, 'pôle'),
      plural(n.classes, 'classe de situations', 'classes de situations'),
      plural(n.situations, 'situation'),
      plural(n.competencies, 'compétence'),
      plural(n.complexities, 'complexité'),
      plural(n.hazards, 'aléa'),
    ];
    if (n.bepActivities) content.push(plural(n.bepActivities, 'activité du BEP', 'activités du BEP'));
    if (n.examUnits) content.push(plural(n.examUnits, 'épreuve'));
    lines.push(summary, `Contenu : ${content.join(', ')}.`);
    if (n.toComplete) {
      lines.push(`${plural(n.toComplete, 'compétence est marquée', 'compétences sont marquées')} « à compléter ».`);
    }
  } else if (r.action === 'none') {
    summary = `Aucun changement : le référentiel ${title} est déjà à jour.`;
    lines.push(summary);
  } else {
    const changed = plural(r.changes.length, 'compétence', 'compétences');
    summary = dry
      ? `L'import mettrait à jour le référentiel ${title} : ${changed} ${r.changes.length > 1 ? 'seraient modifiées' : 'serait modifiée'}, ${r.unchangedCompetencies} inchangée(s).`
      : `Le référentiel ${title} a été mis à jour : ${changed} ${r.changes.length > 1 ? 'modifiées' : 'modifiée'}, ${r.unchangedCompetencies} inchangée(s).`;
    lines.push(summary);
    for (const c of r.changes) {
      const parts = [
        describeList(COMPLEXITIES, c.complexities, dry),
        describeList(HAZARDS, c.hazards, dry),
      ].filter((p): p is string => p !== null);
      if (c.toComplete) parts.push(c.toComplete.to ? 'marquée « à compléter »' : 'n’est plus « à compléter »');
      lines.push(`${c.code} — ${c.label} : ${parts.join(' ; ')}.`);
    }
  }
  lines.push(...r.warnings);
  return { summary, lines };
}
