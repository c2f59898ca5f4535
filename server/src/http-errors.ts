import type { FastifyError, FastifyInstance } from 'fastify';
import { RoundsError, type ErrorCode } from '@rounds/shared';

const statusByCode: Partial<Record<ErrorCode, number>> = {
  'auth.required': 401,
  'auth.invalidCredentials': 401,
  'auth.forbidden': 403,
  'auth.emailTaken': 409,
  'auth.weakPassword': 400,
  'auth.invalidToken': 410,
  'program.conflict': 409,
  'request.invalid': 400,
  'request.unknownEvent': 404,
  'request.tooLarge': 413,
  'resource.notFound': 404,
  'recording.notFound': 404,
  'recording.busy': 409,
  'recording.notReady': 409,
  'recording.alreadyCapturing': 409,
  'stage.notLive': 409,
  'upload.unsupportedType': 415,
  'upload.tooLarge': 413,
  'upload.invalidCaptions': 400,
  'server.unavailable': 503,
};

/** One error handler: `{ ok: false, error: { code, message } }` for every failure; 5xx details stay in the log. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof RoundsError) {
      const body = { code: error.code, message: error.message, ...(error.fields && { fields: error.fields }) };
      return reply.code(statusByCode[error.code] ?? 400).send({ ok: false, error: body });
    }
    if (error.validation) {
      return reply.code(400).send({ ok: false, error: { code: 'request.invalid', message: error.message } });
    }
    if (error.statusCode === 413) {
      return reply.code(413).send({ ok: false, error: { code: 'request.tooLarge', message: 'The request body is too large.' } });
    }
    request.log.error({ err: error }, 'request failed');
    return reply.code(500).send({ ok: false, error: { code: 'server.internal', message: 'Something went wrong on the server.' } });
  });
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({ ok: false, error: { code: 'resource.notFound', message: `No route ${request.method} ${request.url}` } }),
  );
}
