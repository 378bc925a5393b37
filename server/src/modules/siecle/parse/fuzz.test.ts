/**
 * Fuzzing: whatever the bytes, the parsers either return a result or throw a SiecleFileError —
 * never a TypeError, a RangeError, a saxes or fflate error — and they finish quickly.
 */
import fc from 'fast-check';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { generateSiecleFiles, makeSchool } from '../synthetic/generate.ts';
import { readSample, utf8 } from '../../../../test/fixtures/siecle/helpers.ts';
import { SiecleFileError } from './errors.ts';
import { extractSiecleZip, parseEleves, parseResponsables, parseSiecleUpload, parseStsEmp } from './index.ts';

/** `SIECLE_FUZZ_RUNS=20 npx vitest run …fuzz` for a longer session. */
const FACTOR = Math.max(1, Number(process.env.SIECLE_FUZZ_RUNS ?? 1));
const runs = (n: number) => ({ numRuns: n * FACTOR });

const school = makeSchool({ learners: 6, seed: 3, departed: 1, inactifs: 1, noClass: 1, siblings: 1, contacts: 1 });
const generated = generateSiecleFiles(school);
const legacy = generateSiecleFiles(school, { legacy: true, encoding: 'UTF-8' });
const SEEDS: Uint8Array[] = [
  generated.sts,
  generated.eleves,
  generated.responsables,
  legacy.responsables,
  readSample('pix__siecle-with-two-valid-students.xml'),
  readSample('pix__siecle-with-bom.xml'),
  readSample('dossiersco__responsables_avec_adresses_simple.xml'),
];

/** Only SiecleFileError may escape, within `maxMs`. */
function survives(run: () => unknown, maxMs = 1000): void {
  const started = performance.now();
  try {
    run();
  } catch (e) {
    if (!(e instanceof SiecleFileError)) throw e;
    expect(e.message.length).toBeGreaterThan(0);
    expect(e.line === null || (Number.isInteger(e.line) && e.line >= 1)).toBe(true);
  }
  expect(performance.now() - started).toBeLessThan(maxMs);
}

function allParsers(bytes: Uint8Array): void {
  survives(() => parseSiecleUpload(bytes, 'fuzz.xml'));
  survives(() => parseStsEmp(bytes, 'fuzz.xml'));
  survives(() => parseEleves(bytes, 'fuzz.xml'));
  survives(() => parseResponsables(bytes, 'fuzz.xml'));
}

const TOKENS = ['<', '>', '/', '&', ';', '"', "'", '=', '<!DOCTYPE x>', '<!ENTITY', '<![CDATA[', ']]>', '<?xml', '?>', '<!--', '-->', '&amp;', '&#0;', '&#x110000;', '\u0000', '\uFFFE', '\uD800', 'é', 'œ', '\r', '\n', 'PK\u0003\u0004', '%PDF-'];

/** A mutation of `seed`: flip, delete, duplicate, insert random bytes or XML-ish tokens, truncate. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 200 }) }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 400 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ maxLength: 20 }) }),
  fc.record({ kind: fc.constant('token' as const), at: fc.nat(), token: fc.constantFrom(...TOKENS) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(seed: Uint8Array, mutations: Mutation[]): Uint8Array {
  let b = seed;
  for (const m of mutations) {
    const at = b.length === 0 ? 0 : m.at % b.length;
    switch (m.kind) {
      case 'flip': {
        b = b.slice();
        if (b.length) b[at] = m.value;
        break;
      }
      case 'delete':
        b = new Uint8Array([...b.subarray(0, at), ...b.subarray(at + m.length)]);
        break;
      case 'duplicate':
        b = new Uint8Array([...b.subarray(0, at + m.length), ...b.subarray(at)]);
        break;
      case 'insert':
        b = new Uint8Array([...b.subarray(0, at), ...m.bytes, ...b.subarray(at)]);
        break;
      case 'token':
        b = new Uint8Array([...b.subarray(0, at), ...utf8(m.token), ...b.subarray(at)]);
        break;
      case 'truncate':
        b = b.slice(0, at);
        break;
    }
  }
  return b;
}

describe('fuzz', () => {
  it('random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4000 }), (bytes) => allParsers(bytes)),
      runs(300),
    );
  });

  it('random text with XML tokens', () => {
    const text = fc.array(fc.oneof(fc.constantFrom(...TOKENS, '<BEE_ELEVES>', '</BEE_ELEVES>', '<STS_EDT>', '<ELEVE ELEVE_ID="1">', '</ELEVE>', '<DONNEES>', '<ELEVES>'), fc.string({ maxLength: 8 })), { maxLength: 80 });
    fc.assert(
      fc.property(text, fc.boolean(), (parts, bom) => {
        const body = utf8(parts.join(''));
        allParsers(bom ? new Uint8Array([0xef, 0xbb, 0xbf, ...body]) : body);
      }),
      runs(300),
    );
  });

  it('mutated valid files', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SEEDS), fc.array(mutation, { minLength: 1, maxLength: 6 }), (seed, mutations) => {
        allParsers(mutate(seed, mutations));
      }),
      runs(400),
    );
  });

  it('mutated ZIP archives', () => {
    const archive = zipSync({ 'ElevesSansAdresses.xml': generated.eleves, 'sts.xml': generated.sts, 'r.xml': generated.responsables });
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations) => {
        const bytes = mutate(archive, mutations);
        survives(() => parseSiecleUpload(bytes, 'fuzz.zip'));
        survives(() => extractSiecleZip(bytes, 'fuzz.zip'));
      }),
      runs(300),
    );
  });

  it('ZIP-looking random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), fc.boolean(), (tail, eocd) => {
        const head = [0x50, 0x4b, 0x03, 0x04];
        const end = eocd ? [0x50, 0x4b, 0x05, 0x06, ...new Array(18).fill(0)] : [];
        const bytes = new Uint8Array([...head, ...tail, ...end]);
        survives(() => parseSiecleUpload(bytes, 'fuzz.zip'));
      }),
      runs(300),
    );
  });
});
