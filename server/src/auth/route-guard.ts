import type { FastifyInstance, FastifyRequest } from 'fastify';
import { RoundsError, id, type Permission } from '@rounds/shared';
import type { Access, Authorizer } from './access-policy';
import { sessionCookieName, type AuthService, type Identity } from './auth-service';

/** Every route with its declared permission, in registration order (the authorization matrix test reads it). */
export interface GuardedRoute {
  method: string;
  url: string;
  permission: Permission;
}

declare module 'fastify' {
  interface FastifyInstance {
    guardedRoutes: GuardedRoute[];
  }
  interface FastifyContextConfig {
    /** What the route needs; every /api route must declare one (checked when routes are added). */
    permission?: Permission;
  }
  interface FastifyRequest {
    identity: Identity | undefined;
    access: Access | undefined;
  }
}

/** The caller's roles in the route's conference, as checked by the guard. */
export function accessOf(request: FastifyRequest): Access {
  if (!request.access) throw new Error(`Route ${request.routeOptions.url} has no checked access`);
  return request.access;
}

/** The checked identity of a request whose route permission implies one. */
export function identityOf(request: FastifyRequest): Identity {
  if (!request.identity) throw new RoundsError('auth.required');
  return request.identity;
}

function uuidParam(request: FastifyRequest, name: string): string | undefined {
  const value = (request.params as Record<string, string | undefined>)[name];
  if (value === undefined) return undefined;
  if (!id.safeParse(value).success) throw new RoundsError('resource.notFound', `No ${name.replace(/Id$/, '')} ${value.slice(0, 64)}`);
  return value;
}

/**
 * Permissions are declared on each route (`config: { permission }`) and checked here before the
 * handler runs, with the conference or session taken from `:conferenceId` / `:sessionId` / `:recordingId`.
 */
export function installRouteGuard(app: FastifyInstance, deps: { auth: AuthService; access: Authorizer }): void {
  app.decorateRequest('identity', undefined);
  app.decorateRequest('access', undefined);

  const guarded: GuardedRoute[] = [];
  app.decorate('guardedRoutes', guarded);
  app.addHook('onRoute', (route) => {
    const permission = route.config?.permission;
    if (route.url.startsWith('/api/') && !permission) {
      throw new Error(`Route ${route.method} ${route.url} declares no permission`);
    }
    for (const method of [route.method].flat()) {
      if (permission && method !== 'HEAD') guarded.push({ method, url: route.url, permission });
    }
  });

  app.addHook('preHandler', async (request) => {
    const permission = request.routeOptions.config.permission;
    if (!permission) return;
    request.identity = await deps.auth.identify(request.cookies[sessionCookieName]);
    request.access = await deps.access.authorize(request.identity, permission, {
      conferenceId: uuidParam(request, 'conferenceId'),
      sessionId: uuidParam(request, 'sessionId'),
      recordingId: uuidParam(request, 'recordingId'),
    });
  });
}
