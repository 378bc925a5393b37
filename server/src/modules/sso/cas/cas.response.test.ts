import { describe, expect, it } from 'vitest';
import { CasAnswerError, parseCasAnswer } from './cas.response.ts';

const wrap = (inner: string) => `<cas:serviceResponse xmlns:cas="http://www.yale.edu/tp/cas">${inner}</cas:serviceResponse>`;

describe('CAS answers', () => {
  it('reads CAS 3 multi-valued attributes', () => {
    const xml = wrap(`<cas:authenticationSuccess><cas:user>lea</cas:user><cas:attributes>
      <cas:ENTEleveClasses>2GA1</cas:ENTEleveClasses><cas:ENTEleveClasses>2GA-AP</cas:ENTEleveClasses><cas:nom>Durand &amp; fils</cas:nom>
      </cas:attributes><cas:proxyGrantingTicket>PGTIOU-1</cas:proxyGrantingTicket></cas:authenticationSuccess>`);
    expect(parseCasAnswer(xml)).toEqual({ kind: 'success', user: 'lea', attributes: { ENTEleveClasses: ['2GA1', '2GA-AP'], nom: ['Durand & fils'] } });
  });

  it('reads Jasig-style attributes (value attribute or text) and attributes straight under the success', () => {
    const xml = wrap(`<cas:authenticationSuccess><cas:user>u</cas:user><cas:attributes>
      <cas:attribute name="uid" value="u1"/><cas:attribute name="uid" value="u2"/><cas:attribute name="nom">Martin</cas:attribute>
      </cas:attributes></cas:authenticationSuccess>`);
    expect(parseCasAnswer(xml)).toEqual({ kind: 'success', user: 'u', attributes: { uid: ['u1', 'u2'], nom: ['Martin'] } });
    const flat = wrap(`<cas:authenticationSuccess><cas:user>u</cas:user><cas:TSSCONETID>555</cas:TSSCONETID></cas:authenticationSuccess>`);
    expect(parseCasAnswer(flat)).toEqual({ kind: 'success', user: 'u', attributes: { TSSCONETID: ['555'] } });
  });

  it('reads failures with their code', () => {
    expect(parseCasAnswer(wrap(`<cas:authenticationFailure code="INVALID_SERVICE">Le service ne correspond pas</cas:authenticationFailure>`))).toEqual({
      kind: 'failure',
      code: 'INVALID_SERVICE',
      message: 'Le service ne correspond pas',
    });
  });

  it('refuses a DOCTYPE, malformed XML, and anything that is not a CAS answer', () => {
    expect(() => parseCasAnswer(`<!DOCTYPE x [<!ENTITY a "b">]>${wrap('<cas:authenticationSuccess><cas:user>&a;</cas:user></cas:authenticationSuccess>')}`)).toThrow(CasAnswerError);
    expect(() => parseCasAnswer('<cas:serviceResponse')).toThrow(CasAnswerError);
    expect(() => parseCasAnswer('<html><body>Maintenance</body></html>')).toThrow(CasAnswerError);
    expect(() => parseCasAnswer(wrap('<cas:authenticationSuccess></cas:authenticationSuccess>'))).toThrow(CasAnswerError);
  });
});
