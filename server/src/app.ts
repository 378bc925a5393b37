import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyServerOptions } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Deps } from './deps.ts';
import { errorMessage } from '@cerise/common';
import { installErrorHandlers } from './http/error-handler.ts';
import { errorBody } from './http/errors.ts';
import { installGuard, installNulGuard, requireAuthRule } from './http/guard.ts';
import { registerModules } from './routes.ts';

import type { RouteAuth } from './http/route-auth.ts';

export type App = FastifyInstance;
export type RouteInfo = { method: string; url: string; auth: RouteAuth | undefined };

declare module 'fastify' {
  interface FastifyInstance {
    routeTable: RouteInfo[];
  }
}

const here = path.dirname(fileURLToPath(import.meta.url));
export const DEFAULT_WEB_DIST = path.resolve(here, '../../web/dist');

export type CreateAppOptions = {
  logger?: FastifyServerOptions['logger'];
  /** Folder of the built web application; served when it exists. */
  webDist?: string;
};

/** The composition root: every plugin, hook and module, without listening. */
export async function createApp(deps: Deps, opts: CreateAppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? false,
    trustProxy: deps.config.trustProxy,
    bodyLimit: 1024 * 1024,
    // Malformed addresses and over-long path parameters get the common error shape too.
    frameworkErrors: (error, _request, reply) => {
      const tooLong = error.code === 'FST_ERR_MAX_PARAM_LENGTH';
      const code = tooLong ? 'common.uri_too_long' : 'common.validation';
      void (reply as unknown as FastifyReply).code(tooLong ? 414 : 400).send(errorBody(code, errorMessage(code)));
    },
  });
  // The route table (method, url, declared auth), read by the authorization tests.
  const routeTable: RouteInfo[] = [];
  app.decorate('routeTable', routeTable);
  let registeringAssets = false;
  app.addHook('onRoute', (route) => {
    // The web application's files (fastify-static) are assets; every other route must declare its rule.
    if (registeringAssets && !route.config?.auth) route.config = { ...route.config, auth: { asset: true } };
    requireAuthRule(route);
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method === 'HEAD') continue;
      routeTable.push({ method, url: route.url, auth: route.config?.auth });
    }
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(swagger, {
    openapi: {
      info: { title: 'Cerise Pro API', version: '1.0.0', description: 'API de Cerise Pro' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'cerise_sid' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    strictTransportSecurity: deps.config.secureCookies ? { maxAge: 15552000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'same-origin' },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(multipart, { limits: { fileSize: 200 * 1024 * 1024, files: 4, fields: 20 } });

  installErrorHandlers(app);
  installGuard(app, deps);
  installNulGuard(app);

  app.get('/api/openapi.json', { config: { auth: { public: true } }, schema: { hide: true } }, async () => app.swagger());
  await registerModules(app, deps);

  const webDist = opts.webDist ?? DEFAULT_WEB_DIST;
  const hasWeb = fs.existsSync(path.join(webDist, 'index.html'));
  // wildcard: files are looked up at request time, so a rebuilt web app is served without a restart.
  if (hasWeb) {
    registeringAssets = true;
    await app.register(fastifyStatic, { root: webDist, wildcard: true, index: false, schemaHide: true });
    registeringAssets = false;
    app.get('/', { schema: { hide: true }, config: { auth: { asset: true } } }, (_request, reply) => reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').sendFile('index.html'));
  }
  app.setNotFoundHandler((request, reply) => {
    const isPage = !request.url.startsWith('/api/') && !request.url.startsWith('/assets/') && (request.method === 'GET' || request.method === 'HEAD');
    if (hasWeb && isPage) {
      // The single-page application answers every other address (/{UAI}, /accueil…).
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').sendFile('index.html');
    }
    return reply.code(404).send(errorBody('common.not_found', errorMessage('common.not_found')));
  });
  return app;
}
