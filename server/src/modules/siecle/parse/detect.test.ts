import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { generateSiecleFiles, makeSchool } from '../synthetic/generate.ts';
import { expectSiecleError, utf8 } from '../../../../test/fixtures/siecle/helpers.ts';
import { detectSiecleKind, sniffUploadFormat } from './detect.ts';

const files = generateSiecleFiles(makeSchool({ learners: 3 }), { legacy: true });

describe('sniffUploadFormat', () => {
  it('recognises ZIP (also empty), PDF, and assumes XML otherwise', () => {
    expect(sniffUploadFormat(zipSync({ 'a.xml': utf8('<A/>') }))).toBe('zip');
    expect(sniffUploadFormat(zipSync({}))).toBe('zip');
    expect(sniffUploadFormat(utf8('%PDF-1.7'))).toBe('pdf');
    expect(sniffUploadFormat(utf8('\r\n%PDF-1.3'))).toBe('pdf');
    expect(sniffUploadFormat(files.eleves)).toBe('xml');
    expect(sniffUploadFormat(new Uint8Array(0))).toBe('xml');
  });
});

describe('detectSiecleKind', () => {
  it('reads the root element, whatever the file name or layout version', () => {
    expect(detectSiecleKind(files.sts, 'ElevesSansAdresses.xml')).toBe('sts');
    expect(detectSiecleKind(files.eleves, 'sts_emp.xml')).toBe('eleves');
    expect(detectSiecleKind(files.responsables, 'x')).toBe('responsables');
  });

  it('stops at the root: the rest of the file is not even read', () => {
    expect(detectSiecleKind(utf8('<?xml version="1.0"?>\n<!-- export -->\n<BEE_ELEVES VERSION="3.0"><oops></BEE_ELEVES>'), 'e.xml')).toBe('eleves');
  });

  it('explains the usual mistakes', () => {
    const edt = expectSiecleError(() => detectSiecleKind(utf8('<EDT_STS/>'), 'emp_sts_0861234A_2024.xml'), 'siecle.wrong_file_type', 1);
    expect(edt.reason).toContain('logiciel d\'emploi du temps');
    expectSiecleError(() => detectSiecleKind(zipSync({}), 'a.xml'), 'siecle.wrong_file_type', null);
    expectSiecleError(() => detectSiecleKind(utf8('%PDF-1.7'), 'a.xml'), 'siecle.wrong_file_type', null);
    expect(expectSiecleError(() => detectSiecleKind(utf8('<Structures/>'), 's.xml'), 'siecle.wrong_file_type', 1).reason).toBe(
      "l'élément principal <Structures> n'est pas celui d'un export SIECLE ou STSWEB.",
    );
  });
});
