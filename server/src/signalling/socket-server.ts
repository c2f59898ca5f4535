import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '@rounds/shared';
import { sessionCookieName, type AuthService, type Identity } from '../auth/auth-service';
import type { Logger } from '../logger';
import { qaCrewGroup, qaGroup, qaPersonGroup, type SessionNotifier } from '../qa/qa-groups';
import type { StageService } from '../stage/stage-service';
import type { Dispatcher } from './dispatcher';
import { RequestOrder } from './request-order';

interface SocketData {
  identity: Identity | undefined;
  /** Stages this connection joined, so a disconnect leaves them all. */
  stages: Set<string>;
}

export type SignallingServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** socket.io frames above this size close the connection; smaller but oversized requests get `request.tooLarge`. */
const maxFrameBytes = 1024 * 1024;

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of header?.split(';') ?? []) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

/**
 * Attaches socket.io to the HTTP server. Every inbound event goes through the dispatcher, which
 * answers with one ack; stage notifications go to a stage's groups (`stage-groups.ts`) or to one connection.
 */
export function createSignallingServer(
  httpServer: HttpServer,
  deps: { auth: AuthService; dispatcher: Dispatcher; stages: StageService; interaction: Record<string, { setNotifier(notifier: SessionNotifier): void }>; logger: Logger },
): SignallingServer {
  const { auth, dispatcher, stages, interaction, logger } = deps;
  const io: SignallingServer = new Server(httpServer, { path: '/socket.io', maxHttpBufferSize: maxFrameBytes, serveClient: false });

  io.use(async (socket, next) => {
    try {
      socket.data.identity = await auth.identify(readCookie(socket.handshake.headers.cookie, sessionCookieName));
      socket.data.stages = new Set();
      next();
    } catch (error) {
      logger.error({ err: error }, 'socket authentication failed');
      next(new Error('server.unavailable'));
    }
  });

  stages.setNotifier((to, name, payload) => {
    // `to` is a group or a connection id (socket.io puts every socket in a room named by its id).
    // socket.io's typed emit cannot follow a generic event name; the catalogue types the pair.
    (io.to(to).emit as (event: string, body: unknown) => boolean)(name, payload);
  });

  // The audience's view goes to the Q&A group but not to the crew in it, who get their own.
  const emit = (target: ReturnType<SignallingServer['to']>, name: string, payload: unknown) =>
    (target.emit as (event: string, body: unknown) => boolean)(name, payload);
  const notifier: SessionNotifier = {
    audience: (sessionId, name, payload) => emit(io.to(qaGroup(sessionId)).except(qaCrewGroup(sessionId)), name, payload),
    crew: (sessionId, name, payload) => emit(io.to(qaCrewGroup(sessionId)), name, payload),
    everyone: (sessionId, name, payload) => emit(io.to(qaGroup(sessionId)), name, payload),
    person: (sessionId, userId, name, payload) => emit(io.to(qaPersonGroup(sessionId, userId)), name, payload),
  };
  for (const service of Object.values(interaction)) service.setNotifier(notifier);

  io.on('connection', (socket) => {
    const connection = {
      id: socket.id,
      identity: socket.data.identity,
      joinGroup: (group: string) => {
        void socket.join(group);
        if (group.startsWith('stage:')) socket.data.stages.add(group.slice('stage:'.length));
      },
      leaveGroup: (group: string) => {
        void socket.leave(group);
        if (group.startsWith('stage:')) socket.data.stages.delete(group.slice('stage:'.length));
      },
    };

    const order = new RequestOrder((error) => logger.error({ err: error, connectionId: socket.id }, 'request handler failed'));
    socket.onAny((event: string, ...args: unknown[]) => {
      const ack = args.at(-1);
      if (typeof ack !== 'function') {
        logger.warn({ event: String(event).slice(0, 64), connectionId: socket.id }, 'request without ack callback ignored');
        return;
      }
      const payload = args.length > 1 ? args[0] : undefined;
      order.run(event, () => dispatcher.dispatch(event, payload, connection, (response) => ack(response)));
    });

    socket.on('disconnect', (reason) => {
      order.last(async () => {
        for (const sessionId of socket.data.stages) {
          await stages.leave(sessionId, socket.id).catch((error: unknown) => logger.error({ err: error, sessionId }, 'leave on disconnect failed'));
        }
      });
      logger.debug({ connectionId: socket.id, reason }, 'socket disconnected');
    });
  });

  return io;
}
