import fs from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import type { SiecleImportReport } from '@cerise/common';
import type { UploadedFile } from '../../modules/siecle/siecle.inputs.ts';
import type { ImportKind, ImportUploads } from '../../modules/siecle/siecle.usecases.ts';
import { CliError } from '../cli-error.ts';
import { tr } from '../i18n.ts';

async function readUpload(file: string): Promise<UploadedFile> {
  try {
    // The Buffer is a Uint8Array already: `new Uint8Array(buffer)` would copy the whole file.
    return { name: path.basename(file), bytes: await fs.readFile(file) };
  } catch {
    throw new CliError(tr(`Fichier introuvable ou illisible : ${file}`, `File not found or unreadable: ${file}`));
  }
}

const KIND_FR: Record<string, string> = { divisions: 'divisions', groups: 'groupes', teachers: 'enseignants', heads: 'chefs d’établissement', learners: 'apprenants', parents: 'parents' };

function printReport(r: SiecleImportReport): void {
  const line = (title: string, counts: Record<string, number>) => {
    const parts = Object.entries(counts).filter(([, n]) => n > 0).map(([k, n]) => `${n} ${KIND_FR[k] ?? k}`);
    console.log(`${title} : ${parts.length ? parts.join(', ') : tr('rien', 'nothing')}`);
  };
  console.log(r.dryRun ? tr('Simulation (aucune donnée modifiée) — année', 'Dry run (nothing changed) — year') + ` ${r.schoolYear}` : tr('Importation terminée — année', 'Import done — year') + ` ${r.schoolYear}`);
  line(tr('Créés', 'Created'), r.created);
  line(tr('Mis à jour', 'Updated'), r.updated);
  line(tr('Masqués', 'Hidden'), r.hidden);
  if (r.ignored) console.log(tr(`Personnels ignorés (ni enseignants ni direction) : ${r.ignored}`, `Staff ignored (neither teachers nor heads): ${r.ignored}`));
  for (const w of r.warnings) console.log(`${tr('Avertissement', 'Warning')} : ${w.message}`);
  if (r.accounts.length) {
    console.log(tr('Nouveaux comptes (identifiant ; mot de passe provisoire ; nom) :', 'New accounts (login; temporary password; name):'));
    for (const a of r.accounts) console.log(`  ${a.login} ; ${a.initialPassword} ; ${a.lastName} ${a.firstName}`);
  }
}

export function importCommand(program: Command, run: (fn: () => Promise<void>) => Promise<void>): void {
  const imp = program.command('import').description(tr('Importer les exports SIECLE/STSWEB', 'Import SIECLE/STSWEB exports'));
  const go = (kind: ImportKind, uai: string, readUploads: () => Promise<ImportUploads>, opts: { dryRun?: boolean; json?: boolean }) =>
    run(async () => {
      const uploads = await readUploads();
      // Imported when the command runs, so `cerise --help` loads none of it (docs/performance.md).
      const [{ withRuntime }, { importDirectSerialised }, { printJsonText }] = await Promise.all([import('../../runtime.ts'), import('../../modules/siecle/siecle.usecases.ts'), import('../output.ts')]);
      await withRuntime(async (deps) => {
        const { report, json } = await importDirectSerialised(deps, uai, kind, uploads, { dryRun: Boolean(opts.dryRun) });
        // The report's JSON as stored with the run (one line): serialised once (docs/performance.md).
        if (opts.json) printJsonText(json);
        else printReport(report);
      });
    });

  imp
    .command('teachers')
    .description(tr('Importer les enseignants et chefs d’établissement (sts_emp_UAI_année.xml, ou un ZIP le contenant)', 'Import teachers and heads (sts_emp_UAI_year.xml, or a ZIP holding it)'))
    .requiredOption('--uai <UAI>', tr('code UAI de l’établissement', 'establishment UAI code'))
    .argument('<FILE>', tr('fichier STSWEB', 'STSWEB file'))
    .option('--dry-run', tr('analyser sans rien modifier', 'analyse without changing anything'))
    .option('--json', tr('sortie JSON', 'JSON output'))
    .action((file: string, opts: { uai: string; dryRun?: boolean; json?: boolean }) =>
      go('teachers', opts.uai, async () => ({ teachers: await readUpload(file) }), opts),
    );

  imp
    .command('learners')
    .description(tr('Importer les apprenants et leurs parents (ElevesSansAdresses.xml + ResponsablesAvecAdresses.xml, ou un ZIP)', 'Import learners and parents (ElevesSansAdresses.xml + ResponsablesAvecAdresses.xml, or a ZIP)'))
    .requiredOption('--uai <UAI>', tr('code UAI de l’établissement', 'establishment UAI code'))
    .option('--eleves <FILE>', tr('fichier des élèves', 'learners file'))
    .option('--responsables <FILE>', tr('fichier des responsables', 'guardians file'))
    .option('--zip <FILE>', tr('ZIP contenant les deux fichiers', 'ZIP holding both files'))
    .option('--dry-run', tr('analyser sans rien modifier', 'analyse without changing anything'))
    .option('--json', tr('sortie JSON', 'JSON output'))
    .action((opts: { uai: string; eleves?: string; responsables?: string; zip?: string; dryRun?: boolean; json?: boolean }) =>
      go(
        'learners',
        opts.uai,
        async () => {
          if (!opts.zip && !(opts.eleves && opts.responsables)) {
            throw new CliError(tr('Donnez --eleves FICHIER et --responsables FICHIER, ou --zip FICHIER.', 'Give --eleves FILE and --responsables FILE, or --zip FILE.'));
          }
          const uploads: ImportUploads = {};
          if (opts.zip) uploads.zip = await readUpload(opts.zip);
          if (opts.eleves) uploads.eleves = await readUpload(opts.eleves);
          if (opts.responsables) uploads.responsables = await readUpload(opts.responsables);
          return uploads;
        },
        opts,
      ),
    );
}
