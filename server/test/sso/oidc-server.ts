/**
 * A test OpenID Connect provider: `oidc-provider` on 127.0.0.1, one confidential client, PKCE
 * required, and an interaction that signs in whichever account the test chose (`signInAs`)
 * without a form. Claims are shaped like FIM (guichet agents: `rne`, `FrEduRne`, `email`) or
 * ÉduConnect's userinfo (`FrEduCtEleveINE`, `FrEduCtEleveUAI`). Test-only.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export const OIDC_CLIENT = { clientId: 'cerise-test', clientSecret: 'un-secret-de-test-assez-long-pour-hs256-0123456789' };

export interface TestOidcServer {
  issuer: string;
  /** Who signs in at the next authorization request, and with which claims. */
  signInAs(sub: string, claims: Record<string, unknown>): void;
  close(): Promise<void>;
}

export async function startOidcServer(redirectUris: string[], port = 0): Promise<TestOidcServer> {
  const accounts = new Map<string, Record<string, unknown>>();
  let next: string | null = null;
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: OIDC_CLIENT.clientId,
        client_secret: OIDC_CLIENT.clientSecret,
        redirect_uris: redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    pkce: { required: () => true },
    claims: {
      openid: ['sub'],
      profile: ['family_name', 'given_name'],
      email: ['email'],
      fim: ['rne', 'FrEduRne', 'FrEduFonctAdm'],
      educonnect: ['FrEduCtEleveINE', 'FrEduCtEleveUAI', 'FrEduCtId'],
    },
    scopes: ['openid', 'profile', 'email', 'fim', 'educonnect'],
    features: { devInteractions: { enabled: false } },
    findAccount: (_ctx: unknown, sub: string) => {
      const claims = accounts.get(sub);
      if (!claims) return undefined;
      return { accountId: sub, claims: async () => ({ sub, ...claims }) };
    },
    // Consent is implicit: every scope and claim the client asked for is granted.
    loadExistingGrant: async (ctx: { oidc: { client: { clientId: string }; session: { accountId: string }; params: { scope: string }; provider: { Grant: new (o: object) => { addOIDCScope(s: string): void; save(): Promise<string> } } } }) => {
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
      grant.addOIDCScope(ctx.oidc.params.scope);
      await grant.save();
      return grant;
    },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    cookies: { keys: ['test-cookie-key'] },
    ttl: { Interaction: 600, Grant: 600, Session: 600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
    conformIdTokenClaims: false,
  });
  provider.proxy = false;
  const callback = provider.callback();
  server.on('request', (req, res) => {
    if (req.url?.startsWith('/interaction/')) {
      const accountId = next;
      void provider
        .interactionFinished(req, res, accountId ? { login: { accountId } } : { error: 'access_denied' }, { mergeWithLastSubmission: false })
        .catch(() => {
          res.statusCode = 500;
          res.end();
        });
      return;
    }
    callback(req, res);
  });
  return {
    issuer,
    signInAs(sub, claims) {
      accounts.set(sub, claims);
      next = sub;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * Follow the browser's redirects from our login URL through the provider until it comes back to
 * `redirectPrefix`; returns that final URL (with `code`, `state`, `iss`). Cookies are carried.
 */
export async function followToCallback(loginUrl: string, redirectPrefix: string): Promise<URL> {
  const jar = new Map<string, string>();
  let url = loginUrl;
  for (let hop = 0; hop < 10; hop++) {
    if (url.startsWith(redirectPrefix)) return new URL(url);
    const res = await fetch(url, { redirect: 'manual', headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      jar.set(pair!.slice(0, i), pair!.slice(i + 1));
    }
    const location = res.headers.get('location');
    if (!location) throw new Error(`no redirect from ${url}: ${res.status} ${await res.text()}`);
    url = new URL(location, url).toString();
  }
  throw new Error('too many redirects');
}
