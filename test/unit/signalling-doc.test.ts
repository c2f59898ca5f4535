import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { errorCodes, maxRequestBytes, notifications, rateLimits, requests, type Permission } from '../../shared/src';

/**
 * docs/signalling.md is written by hand; this keeps it in step with the shared catalogue. Every
 * request, notification and error code must have its row (with its fields), and the page may not
 * name a dotted request, notification or code that the catalogue does not have.
 */
const doc = readFileSync(path.join(__dirname, '../../docs/signalling.md'), 'utf8');

const requestNames = Object.keys(requests);
const notificationNames = Object.keys(notifications);
const codes = Object.keys(errorCodes);
const catalogue = new Set([...requestNames, ...notificationNames, ...codes]);

/** The text under `## title`, up to the next `## ` heading. */
function section(title: string): string {
  const lines = doc.split('\n');
  const start = lines.findIndex((line) => line.trim() === `## ${title}`);
  if (start < 0) throw new Error(`docs/signalling.md has no "## ${title}" section`);
  const end = lines.findIndex((line, index) => index > start && line.startsWith('## '));
  return lines.slice(start + 1, end < 0 ? undefined : end).join('\n');
}

/** Table rows of a section whose first cell is one backticked name, keyed by that name. */
function rowsByName(text: string): Map<string, string[]> {
  const rows = new Map<string, string[]>();
  for (const line of text.split('\n')) {
    if (!line.startsWith('|')) continue;
    const cells = line.split('|').slice(1, -1).map((cell) => cell.trim());
    const name = /^`([^`]+)`$/.exec(cells[0] ?? '')?.[1];
    if (!name) continue;
    if (rows.has(name)) throw new Error(`Two rows for ${name}`);
    rows.set(name, cells);
  }
  return rows;
}

function fieldsOf(schema: z.ZodTypeAny): string[] {
  return schema instanceof z.ZodObject ? Object.keys(schema.shape as Record<string, unknown>) : [];
}

function missingFields(cell: string, fields: string[]): string[] {
  return fields.filter((field) => !cell.includes(`\`${field}\``));
}

const permissionLabel: Record<Permission['kind'], string> = {
  public: 'Anyone',
  signedIn: 'Signed in',
  member: 'Member',
  organizer: 'Organizer',
  stageCrew: 'Stage crew',
};

describe('docs/signalling.md', () => {
  test('has a row for every request, with its payload and response fields and who may send it', () => {
    const rows = rowsByName(section('Requests'));
    expect([...rows.keys()].sort()).toEqual([...requestNames].sort());
    for (const [name, spec] of Object.entries(requests)) {
      const [, payload = '', response = '', who = ''] = rows.get(name)!;
      expect({ name, missing: missingFields(payload, fieldsOf(spec.payload)) }).toEqual({ name, missing: [] });
      expect({ name, missing: missingFields(response, fieldsOf(spec.response)) }).toEqual({ name, missing: [] });
      expect({ name, who }).toEqual({ name, who: permissionLabel[spec.permission.kind] });
    }
  });

  test('has a row for every notification, with its payload fields and the group it is sent to', () => {
    const rows = rowsByName(section('Notifications'));
    expect([...rows.keys()].sort()).toEqual([...notificationNames].sort());
    for (const [name, schema] of Object.entries(notifications)) {
      const [, payload = '', receivers = ''] = rows.get(name)!;
      expect({ name, missing: missingFields(payload, fieldsOf(schema)) }).toEqual({ name, missing: [] });
      expect({ name, group: /`(stage|qa|qa-crew):<sessionId>`/.test(receivers) }).toEqual({ name, group: true });
    }
  });

  test('has a row for every error code, showing the catalogue sentence a UI displays', () => {
    const rows = rowsByName(section('Error codes'));
    expect([...rows.keys()].sort()).toEqual([...codes].sort());
    for (const [code, sentence] of Object.entries(errorCodes)) {
      const cells = rows.get(code)!;
      expect({ code, says: cells.at(-1) }).toEqual({ code, says: sentence });
    }
  });

  test('names no dotted request, notification or error code that the catalogue lacks', () => {
    const prefixes = [...new Set([...catalogue].map((name) => name.split('.')[0]!))];
    expect(prefixes).toEqual(expect.arrayContaining(['stage', 'media', 'auth', 'qa']));
    // Anywhere in the page (backticks, tables, code blocks), but not inside paths such as shared/src/media.ts.
    const dotted = new RegExp(`(?<![\\w./-])(?:${prefixes.join('|')})\\.[A-Za-z]\\w*(?![\\w/-])`, 'g');
    const unknown = [...new Set(doc.match(dotted) ?? [])].filter((name) => !catalogue.has(name));
    expect(unknown).toEqual([]);
    // The backticked ones are what a reader copies; make sure the scan sees them at all.
    expect(doc).toContain('`stage.join`');
  });

  test('states the request size limit of the dispatcher', () => {
    expect(doc).toContain(`${maxRequestBytes / 1024} KiB`);
  });

  test('states every rate limit of the catalogue beside the order of checks', () => {
    const checks = section('Requests and the ack envelope');
    const unstated = Object.entries(rateLimits)
      .filter(([, { limit, windowMs }]) => !new RegExp(`\\b${limit} [^;.]*per ${windowMs / 1000} s`).test(checks))
      .map(([name]) => name);
    expect(unstated).toEqual([]);
  });
});
