import type { Scenario } from '@cerise/common';
import {
  AlignmentType,
  BorderStyle,
  Document,
  ExternalHyperlink,
  Footer,
  Header,
  HeadingLevel,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';

/** What the printed scenario shows besides the scenario itself (header). */
export type ScenarioDocxInput = {
  scenario: Scenario;
  establishment: string;
  /** aaaa-mm-jj hh:mm… (ISO): the date printed in the header. */
  at: string;
};

const LEVEL_LABELS = { seconde: 'Seconde', premiere: 'Première', terminale: 'Terminale' } as const;
const FONT = 'Calibri';
const GREY = 'F2F2F2';

const frenchDate = (iso: string) => new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'Europe/Paris' }).format(new Date(iso));
const sizeText = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1).replace('.', ',')} Mo` : `${Math.max(1, Math.round(bytes / 1024))} Ko`);

/** Paragraphs of a multi-line text; « — » when empty, so the printed sheet shows the field was left blank. */
function textBlock(text: string): Paragraph[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  if (text.trim() === '') return [new Paragraph({ children: [new TextRun({ text: 'Non renseigné', italics: true, color: '595959' })] })];
  return lines.map((line) => new Paragraph({ spacing: { after: 80 }, children: [new TextRun(line)] }));
}

const heading = (text: string) => new Paragraph({ heading: HeadingLevel.HEADING_2, spacing: { before: 240, after: 120 }, keepNext: true, children: [new TextRun(text)] });

function cell(children: Paragraph[], opts: { header?: boolean; width: number }): TableCell {
  return new TableCell({
    children,
    width: { size: opts.width, type: WidthType.DXA },
    margins: { top: 60, bottom: 60, left: 100, right: 100 },
    ...(opts.header ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: GREY } } : {}),
  });
}

const plain = (text: string, bold = false) => new Paragraph({ children: [new TextRun({ text, bold })] });
/** One paragraph per chosen item (no list indent: the table's columns stay readable). */
const itemList = (labels: string[]) => (labels.length === 0 ? [plain('—')] : labels.map((l) => new Paragraph({ spacing: { after: 40 }, children: [new TextRun(`– ${l}`)] })));

function competencyTable(scenario: Scenario): Table | Paragraph {
  if (scenario.competencies.length === 0) return plain('Aucune compétence choisie.');
  // Twentieths of a point; they add up to the text width of an A4 page with 2 cm margins.
  const widths = [1050, 3788, 2400, 2400];
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: ['Code', 'Compétence', 'Complexités', 'Aléas'].map((h, i) => cell([plain(h, true)], { header: true, width: widths[i]! })),
  });
  const rows = scenario.competencies.map(
    (c) =>
      new TableRow({
        cantSplit: true,
        children: [
          cell([plain(c.code, true)], { width: widths[0]! }),
          cell([plain(c.label)], { width: widths[1]! }),
          cell(itemList(c.complexities.map((x) => x.label)), { width: widths[2]! }),
          cell(itemList(c.hazards.map((x) => x.label)), { width: widths[3]! }),
        ],
      }),
  );
  const border = { style: BorderStyle.SINGLE, size: 4, color: '808080' };
  return new Table({
    width: { size: 9638, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
    rows: [header, ...rows],
  });
}

/** The scenario as a Word document laid out for printing on A4 (docs/guide.md § 3.5 « Exporter et/ou imprimer »). */
export function buildScenarioDocument({ scenario, establishment, at }: ScenarioDocxInput): Document {
  const author = `${scenario.author.firstName} ${scenario.author.lastName}`.trim();
  const facts = [
    `Auteur : ${author}`,
    `Niveau : ${scenario.level ? LEVEL_LABELS[scenario.level] : 'non précisé'}`,
    scenario.isPrivate ? 'Scénario privé' : 'Scénario public',
    `Dernière modification : ${frenchDate(scenario.updatedAt)}`,
  ].join(' · ');

  const links =
    scenario.links.length === 0
      ? textBlock('')
      : scenario.links.map(
          (link) =>
            new Paragraph({
              bullet: { level: 0 },
              children: [new ExternalHyperlink({ link, children: [new TextRun({ text: link, style: 'Hyperlink' })] })],
            }),
        );
  const attachments =
    scenario.attachments.length === 0
      ? [plain('Aucune pièce jointe.')]
      : scenario.attachments.map((a) => new Paragraph({ bullet: { level: 0 }, children: [new TextRun(`${a.filename} (${a.mediaType === 'application/pdf' ? 'PDF' : 'ZIP'}, ${sizeText(a.size)})`)] }));

  return new Document({
    creator: author || 'Cerise Pro',
    title: scenario.title,
    description: `Scénario pédagogique — ${establishment}`,
    styles: { default: { document: { run: { font: FONT, size: 22 } } } },
    sections: [
      {
        properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 1134, bottom: 1134, left: 1134, right: 1134, header: 567, footer: 567 } } },
        headers: {
          default: new Header({
            children: [
              new Paragraph({
                border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '808080', space: 4 } },
                children: [new TextRun({ text: establishment, bold: true }), new TextRun(`\t${author} — ${frenchDate(at)}`)],
                tabStops: [{ type: 'right', position: 9638 }],
              }),
            ],
          }),
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ children: ['Cerise Pro — page ', PageNumber.CURRENT, ' sur ', PageNumber.TOTAL_PAGES], size: 18, color: '595959' })],
              }),
            ],
          }),
        },
        children: [
          new Paragraph({ heading: HeadingLevel.TITLE, spacing: { after: 120 }, children: [new TextRun(scenario.title)] }),
          new Paragraph({ spacing: { after: 240 }, children: [new TextRun({ text: facts, color: '404040' })] }),
          heading('Contexte'),
          ...textBlock(scenario.context),
          heading('Matériels ou logiciels utilisés'),
          ...textBlock(scenario.materials),
          heading('Liens'),
          ...links,
          heading('Ressources'),
          ...textBlock(scenario.resources),
          heading('Compétences évaluées'),
          competencyTable(scenario),
          heading('Pièces jointes'),
          ...attachments,
        ],
      },
    ],
  });
}

/** The .docx bytes. */
export function renderScenarioDocx(input: ScenarioDocxInput): Promise<Buffer> {
  return Packer.toBuffer(buildScenarioDocument(input));
}

/** A file name for the export: the title without characters a file system refuses. */
export function docxFilename(title: string): string {
  const base = [...title].map((ch) => (ch.charCodeAt(0) < 32 ? ' ' : ch)).join('').replace(/[\\/:*?"<>|]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 120) || 'scenario';
  return `${base}.docx`;
}
