import { existsSync } from 'node:fs';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import { authRoutes } from './auth/auth-routes';
import { invitationRoutes } from './auth/invitation-routes';
import { peopleRoutes } from './auth/people-routes';
import { profileRoutes } from './auth/profile-routes';
import type { Authorizer } from './auth/access-policy';
import type { AuthService } from './auth/auth-service';
import { installRouteGuard } from './auth/route-guard';
import type { DatabaseHandle, Db } from './db/database';
import { healthRoutes } from './health/health-routes';
import { installErrorHandler } from './http-errors';
import type { Logger } from './logger';
import type { WorkerPool } from './media/worker-pool';
import { programEditRoutes } from './program/program-edit-routes';
import { programRoutes } from './program/program-routes';
import { qaRoutes } from './qa/qa-routes';
import { scheduleRoutes } from './program/schedule-routes';
import type { MediaQueue } from './queue/media-queue';

export interface AppDeps {
  logger: Logger;
  database: DatabaseHandle;
  redis: Redis;
  pool: WorkerPool;
  queue: MediaQueue;
  auth: AuthService;
  access: Authorizer;
  clientDist: string;
  /** Where browsers reach the server (known once it listens); links in invitations and reset mails start with it. */
  publicUrl: () => string;
}

/** What every REST route module receives. Each module exports `xRoutes(deps) => plugin`. */
export interface RouteDeps {
  db: Db;
  auth: AuthService;
  logger: Logger;
  publicUrl: () => string;
  secureCookies: boolean;
}

/** Builds the HTTP app from its dependencies; never listens, so tests can `inject` into it. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  // pino 10's Logger has more than fastify's FastifyBaseLogger type asks for; the instance fits.
  const app: FastifyInstance = Fastify({ loggerInstance: deps.logger as FastifyBaseLogger, bodyLimit: 256 * 1024 });
  installErrorHandler(app);
  await app.register(cookie);
  installRouteGuard(app, { auth: deps.auth, access: deps.access });
  await app.register(healthRoutes(deps));
  const routeDeps: RouteDeps = {
    db: deps.database.db,
    auth: deps.auth,
    logger: deps.logger,
    publicUrl: deps.publicUrl,
    secureCookies: deps.publicUrl().startsWith('https:'),
  };
  for (const routes of [authRoutes, profileRoutes, invitationRoutes, peopleRoutes, programRoutes, programEditRoutes, scheduleRoutes, qaRoutes]) {
    await app.register(routes(routeDeps));
  }

  if (existsSync(deps.clientDist)) {
    await app.register(fastifyStatic, { root: deps.clientDist, wildcard: false });
    // Client-side routes (#/…) all load index.html; unknown /api paths stay JSON 404s.
    app.get('/*', { config: { permission: { kind: 'public' } } }, (request, reply) =>
      request.url.startsWith('/api/') ? reply.callNotFound() : reply.sendFile('index.html'),
    );
  } else {
    deps.logger.warn({ clientDist: deps.clientDist }, 'client not built; only the API is served (run npm run build:client)');
  }
  return app;
}
