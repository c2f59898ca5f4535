import type { FastifyInstance } from 'fastify';
import type { RouteDeps } from '../app';
import { QaStore, type QuestionRow } from './qa-store';

type ExportParams = { Params: { sessionId: string } };

const columns = ['asked_at', 'status', 'pinned', 'votes', 'author', 'asked_anonymously', 'answered_at', 'question'] as const;

/**
 * One CSV cell: quoted, quotes doubled, and a leading `=`, `+`, `-`, `@`, tab or carriage return
 * defused with an apostrophe so a spreadsheet never runs an attendee's text as a formula.
 */
export function csvCell(value: string | number | boolean): string {
  const text = String(value);
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
}

function csvRow(row: QuestionRow): string {
  return [
    row.createdAt.toISOString(),
    row.status,
    row.pinned,
    row.votes,
    row.authorName,
    row.anonymous,
    row.answeredAt?.toISOString() ?? '',
    row.text,
  ]
    .map(csvCell)
    .join(',');
}

/** The session's questions for the crew's records: every question, withdrawn and dismissed ones included, with authors. */
export function qaRoutes(deps: RouteDeps) {
  const store = new QaStore(deps.db);
  return async (app: FastifyInstance) => {
    app.get<ExportParams>('/api/sessions/:sessionId/questions.csv', { config: { permission: { kind: 'stageCrew' } } }, async (request, reply) => {
      const rows = await store.list(request.params.sessionId);
      const body = [columns.join(','), ...rows.map(csvRow)].join('\r\n') + '\r\n';
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="questions-${request.params.sessionId}.csv"`)
        .header('cache-control', 'no-store')
        .send(body);
    });
  };
}
