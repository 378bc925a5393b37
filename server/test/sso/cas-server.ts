import Fastify, { type FastifyInstance } from 'fastify';

/*
 * A CAS 2/3 server for tests, on 127.0.0.1 (docs/sso.md « Tests »): `/cas/login` issues a ticket for
 * the person the test chose and sends the browser back to the service; `/cas/p3/serviceValidate`
 * answers once per ticket, in the shape the test chose (CAS 3 attributes, Jasig-style, values
 * joined by `;`), INVALID_TICKET for an unknown or used ticket and INVALID_SERVICE when the service
 * differs from the one given at login. Every validation is recorded for the test to check.
 */

export type CasAttributeStyle = 'cas3' | 'jasig' | 'joined' | 'flat';

export type CasPerson = {
  user: string;
  attributes?: Record<string, string[]>;
  style?: CasAttributeStyle;
};

export type CasValidation = { service: string; ticket: string; userAgent: string | undefined; answer: 'success' | 'INVALID_TICKET' | 'INVALID_SERVICE' };

export type TestCasServer = {
  /** Root of the CAS server, e.g. `http://127.0.0.1:44012/cas`. */
  url: string;
  /** Who signs in at the next `/cas/login`. */
  nextLogin: (person: CasPerson) => void;
  /** Services given at `/cas/login`, in order. */
  logins: string[];
  validations: CasValidation[];
  /** Issues a ticket for a service without a browser (inject-driven tests). */
  issueTicket: (service: string, person: CasPerson) => string;
  close: () => Promise<void>;
};

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function attributesXml(person: CasPerson): string {
  const attrs = person.attributes ?? {};
  const style = person.style ?? 'cas3';
  const entries = Object.entries(attrs);
  switch (style) {
    case 'cas3':
      return `<cas:attributes>${entries.flatMap(([k, vs]) => vs.map((v) => `<cas:${k}>${esc(v)}</cas:${k}>`)).join('')}</cas:attributes>`;
    case 'jasig':
      return `<cas:attributes>${entries.flatMap(([k, vs]) => vs.map((v) => `<cas:attribute name="${esc(k)}" value="${esc(v)}"/>`)).join('')}</cas:attributes>`;
    case 'joined':
      return `<cas:attributes>${entries.map(([k, vs]) => `<cas:${k}>${esc(vs.join(';'))}</cas:${k}>`).join('')}</cas:attributes>`;
    case 'flat':
      return entries.flatMap(([k, vs]) => vs.map((v) => `<cas:${k}>${esc(v)}</cas:${k}>`)).join('');
  }
}

const success = (person: CasPerson) =>
  `<cas:serviceResponse xmlns:cas="http://www.yale.edu/tp/cas">
  <cas:authenticationSuccess>
    <cas:user>${esc(person.user)}</cas:user>
    ${attributesXml(person)}
  </cas:authenticationSuccess>
</cas:serviceResponse>`;

const failure = (code: string, text: string) =>
  `<cas:serviceResponse xmlns:cas="http://www.yale.edu/tp/cas">
  <cas:authenticationFailure code="${code}">${esc(text)}</cas:authenticationFailure>
</cas:serviceResponse>`;

export async function startCasServer(port = 0): Promise<TestCasServer> {
  const app: FastifyInstance = Fastify({ logger: false });
  const tickets = new Map<string, { service: string; person: CasPerson; used: boolean }>();
  const logins: string[] = [];
  const validations: CasValidation[] = [];
  let next: CasPerson | null = null;
  let counter = 0;
  const issueTicket = (service: string, person: CasPerson) => {
    const ticket = `ST-${++counter}-${Math.random().toString(36).slice(2, 12)}`;
    tickets.set(ticket, { service, person, used: false });
    return ticket;
  };

  app.get<{ Querystring: { service?: string } }>('/cas/login', async (request, reply) => {
    const service = request.query.service ?? '';
    logins.push(service);
    if (!next) return reply.code(400).type('text/plain').send('no person chosen for this login');
    const ticket = issueTicket(service, next);
    return reply.redirect(`${service}${service.includes('?') ? '&' : '?'}ticket=${encodeURIComponent(ticket)}`, 302);
  });

  app.get<{ Querystring: { service?: string; ticket?: string } }>('/cas/p3/serviceValidate', async (request, reply) => {
    const { service = '', ticket = '' } = request.query;
    const entry = tickets.get(ticket);
    const userAgent = request.headers['user-agent'];
    reply.type('application/xml');
    if (!entry || entry.used) {
      validations.push({ service, ticket, userAgent, answer: 'INVALID_TICKET' });
      return failure('INVALID_TICKET', `Ticket ${ticket} not recognized`);
    }
    entry.used = true;
    if (entry.service !== service) {
      validations.push({ service, ticket, userAgent, answer: 'INVALID_SERVICE' });
      return failure('INVALID_SERVICE', `Ticket ${ticket} does not match supplied service`);
    }
    validations.push({ service, ticket, userAgent, answer: 'success' });
    return success(entry.person);
  });

  const address = await app.listen({ host: '127.0.0.1', port });
  return {
    url: `${address}/cas`,
    nextLogin: (person) => {
      next = person;
    },
    logins,
    validations,
    issueTicket,
    close: () => app.close(),
  };
}
