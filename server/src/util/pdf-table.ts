/**
 * A bordered table for pdfkit, drawn row by row with the header repeated on every page.
 * pdfkit's own `doc.table()` measures each cell several times through fontkit: with the embedded
 * DejaVu fonts it costs several milliseconds per cell, minutes for a 16,000-person import report
 * (docs/performance.md). Here each cell is measured once, and text runs in one `text()` call.
 */
export interface PdfTableOptions {
  /** Points, or '*' to share the room left between the starred columns. */
  widths: (number | '*')[];
  align?: ('left' | 'right')[];
  fontSize?: number;
  padding?: number;
  /** Font names registered on the document (util/pdf-fonts.ts). */
  bodyFont?: string;
  headerFont?: string;
}

type Doc = PDFKit.PDFDocument;

function columnWidths(doc: Doc, widths: (number | '*')[]): number[] {
  const room = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const fixed = widths.reduce<number>((sum, w) => sum + (w === '*' ? 0 : w), 0);
  const stars = widths.filter((w) => w === '*').length;
  const star = stars > 0 ? Math.max(20, (room - fixed) / stars) : 0;
  return widths.map((w) => (w === '*' ? star : w));
}

export function drawPdfTable(doc: Doc, header: string[], rows: string[][], options: PdfTableOptions): void {
  const { fontSize = 8.5, padding = 3, bodyFont = 'body', headerFont = 'bold' } = options;
  const widths = columnWidths(doc, options.widths);
  const left = doc.page.margins.left;
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  let y = doc.y;

  const heightOf = (cells: string[], font: string) => {
    doc.font(font).fontSize(fontSize);
    let h = 0;
    cells.forEach((text, i) => {
      h = Math.max(h, doc.heightOfString(text || ' ', { width: widths[i]! - 2 * padding }));
    });
    return h + 2 * padding;
  };
  const drawRow = (cells: string[], font: string, height: number, shaded: boolean) => {
    let x = left;
    cells.forEach((text, i) => {
      const w = widths[i]!;
      if (shaded) doc.rect(x, y, w, height).fill('#eeeeee');
      doc.rect(x, y, w, height).lineWidth(0.5).strokeColor('#999999').stroke();
      doc.fillColor('black').font(font).fontSize(fontSize).text(text, x + padding, y + padding, {
        width: w - 2 * padding,
        align: options.align?.[i] ?? 'left',
        lineBreak: true,
      });
      x += w;
    });
    y += height;
  };
  const headerHeight = heightOf(header, headerFont);
  const drawHeader = () => drawRow(header, headerFont, headerHeight, true);

  if (y + headerHeight * 2 > bottom()) {
    doc.addPage();
    y = doc.y;
  }
  drawHeader();
  for (const row of rows) {
    const height = heightOf(row, bodyFont);
    if (y + height > bottom()) {
      doc.addPage();
      y = doc.y;
      drawHeader();
    }
    drawRow(row, bodyFont, height, false);
  }
  doc.font(bodyFont);
  doc.x = left;
  doc.y = y;
}
