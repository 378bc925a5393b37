import type { SiecleImportReport } from '@cerise/common';
import { t } from '../../app/i18n/t.ts';
import { countKindsOf } from './format.ts';
import { reportSections } from './report-model.ts';
import { warningText } from './warnings.ts';

type Table = { caption: string; headers: string[]; rows: string[][] };
type Document = { title: string; lines: string[]; tables: Table[] };

/** What the « Copier » button puts on the clipboard, before it is written as text or HTML. */
function reportDocument(report: SiecleImportReport, context: { establishment: string; date: string | null }): Document {
  const kindLabel = t(`imports.kinds.${report.kind}`);
  const lines = [
    context.establishment,
    t('imports.report.schoolYear', { year: report.schoolYear }),
    t('imports.report.files', { files: report.files.join(', ') }),
  ];
  if (context.date) lines.push(t('imports.report.appliedOn', { date: context.date }));
  lines.push(
    t('imports.report.divisionsCreated', { list: report.divisionsCreated.join(', ') || t('imports.noneFeminine') }),
    t('imports.report.groupsCreated', { list: report.groupsCreated.join(', ') || t('imports.none') }),
  );

  const counts: Table = {
    caption: t('imports.counts.captionReport'),
    headers: [t('imports.counts.kind'), t('imports.counts.created'), t('imports.counts.updated'), t('imports.counts.hidden')],
    rows: countKindsOf(report.kind).map((k) => [
      t(`imports.counts.kinds.${k}`),
      String(report.created[k]),
      String(report.updated[k]),
      String(report.hidden[k]),
    ]),
  };
  const people = reportSections(report).map(
    (section): Table => ({
      caption: `${section.title} (${section.people.length})`,
      headers: section.columns.map((c) => c.header),
      rows: section.people.map((p) => section.columns.map((c) => c.value(p))),
    }),
  );
  const warnings: Table[] =
    report.warnings.length > 0
      ? [{ caption: t('imports.warnings.title'), headers: [t('imports.warnings.message')], rows: report.warnings.map((w) => [warningText(w)]) }]
      : [];
  return { title: t('imports.report.title', { kind: kindLabel }), lines, tables: [counts, ...people, ...warnings] };
}

const clean = (cell: string) => cell.replace(/[\t\r\n]+/g, ' ');

/** Plain text: one line per row, cells separated by tabs (pastes as a table in a spreadsheet). */
export function reportAsText(report: SiecleImportReport, context: { establishment: string; date: string | null }): string {
  const doc = reportDocument(report, context);
  const out = [doc.title, ...doc.lines];
  for (const table of doc.tables) {
    out.push('', table.caption, table.headers.map(clean).join('\t'));
    for (const row of table.rows) out.push(row.map(clean).join('\t'));
  }
  return out.join('\r\n') + '\r\n';
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** HTML with real tables: a word processor pastes it as a formatted document. */
export function reportAsHtml(report: SiecleImportReport, context: { establishment: string; date: string | null }): string {
  const doc = reportDocument(report, context);
  const cell = (tag: 'th' | 'td', s: string) => `<${tag} style="border:1px solid #999;padding:2px 6px;text-align:left">${escapeHtml(s)}</${tag}>`;
  const parts = [`<h1>${escapeHtml(doc.title)}</h1>`, ...doc.lines.map((l) => `<p>${escapeHtml(l)}</p>`)];
  for (const table of doc.tables) {
    parts.push(
      `<table style="border-collapse:collapse"><caption style="text-align:left;font-weight:bold">${escapeHtml(table.caption)}</caption>`,
      `<thead><tr>${table.headers.map((h) => cell('th', h)).join('')}</tr></thead><tbody>`,
      ...table.rows.map((row) => `<tr>${row.map((c) => cell('td', c)).join('')}</tr>`),
      '</tbody></table><p></p>',
    );
  }
  return `<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>${escapeHtml(doc.title)}</title></head><body>${parts.join('')}</body></html>`;
}

/**
 * Puts the report on the clipboard, as HTML and plain text where the browser allows it
 * (a word processor then pastes real tables), else as plain text only.
 */
export async function copyReport(report: SiecleImportReport, context: { establishment: string; date: string | null }): Promise<void> {
  const text = reportAsText(report, context);
  if (typeof ClipboardItem !== 'undefined' && navigator.clipboard?.write) {
    try {
      const html = reportAsHtml(report, context);
      await navigator.clipboard.write([
        new ClipboardItem({
          'text/plain': new Blob([text], { type: 'text/plain' }),
          'text/html': new Blob([html], { type: 'text/html' }),
        }),
      ]);
      return;
    } catch {
      // Some browsers refuse text/html: fall back to plain text.
    }
  }
  if (navigator.clipboard?.writeText) {
    await navigator.clipboard.writeText(text);
    return;
  }
  copyWithSelection(text);
}

/**
 * Without the Clipboard API (a page served over plain http on a school network), the old way:
 * select a hidden text area and ask the browser to copy it; focus comes back where it was.
 */
function copyWithSelection(text: string): void {
  const previous = document.activeElement as HTMLElement | null;
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  const copied = document.execCommand('copy');
  area.remove();
  previous?.focus();
  if (!copied) throw new Error('Copy refused by the browser');
}
