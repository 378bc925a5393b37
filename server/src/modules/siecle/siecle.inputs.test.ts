import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { schoolYearHint, uploadBytes } from './siecle.inputs.ts';
import { generateSiecleFiles, makeSchool } from './synthetic/generate.ts';

const files = generateSiecleFiles(makeSchool({ seed: 3, schoolYear: 2025, learners: 30 }));

describe('SIECLE inputs', () => {
  it('finds the school year a file declares without parsing it (a hint: the parser has the last word)', async () => {
    expect(await schoolYearHint({ name: 'ElevesSansAdresses.xml', bytes: files.eleves })).toBe('2025-2026');
    expect(await schoolYearHint({ name: 'sts_emp.xml', bytes: files.sts })).toBe('2025-2026');
    expect(await schoolYearHint({ name: 'x.xml', bytes: new TextEncoder().encode('<?xml version="1.0"?><BEE_ELEVES><PARAMETRES><UAJ>0860000A</UAJ></PARAMETRES>') })).toBeNull();
    expect(await schoolYearHint(undefined)).toBeNull();
  });

  it('reads an upload kept on disk only when asked, as the same bytes', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cerise-inputs-'));
    try {
      const file = path.join(dir, 'eleves');
      fs.writeFileSync(file, files.eleves);
      expect(await schoolYearHint({ name: 'ElevesSansAdresses.xml', path: file })).toBe('2025-2026');
      expect(Buffer.compare(Buffer.from(uploadBytes({ name: 'ElevesSansAdresses.xml', path: file })), Buffer.from(files.eleves))).toBe(0);
      fs.rmSync(file);
      expect(() => uploadBytes({ name: 'ElevesSansAdresses.xml', path: file })).toThrow(expect.objectContaining({ status: 409, code: 'siecle.run_expired' }));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
