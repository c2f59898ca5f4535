/**
 * Organizers type session times as wall-clock times in the CONFERENCE's time zone, whatever zone
 * their own computer is in. A `datetime-local` input gives `YYYY-MM-DDTHH:mm` with no zone; these
 * pure helpers turn that into an ISO instant with the zone's offset, and back. No DOM, no clock.
 */

const localPattern = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = partsFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsFormatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall-clock fields of an instant in a zone. */
function wallClock(epochMs: number, timeZone: string): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  const fields: Record<string, number> = {};
  for (const part of partsFormatter(timeZone).formatToParts(new Date(epochMs))) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  return {
    year: fields.year ?? 0,
    month: fields.month ?? 1,
    day: fields.day ?? 1,
    hour: (fields.hour ?? 0) % 24,
    minute: fields.minute ?? 0,
    second: fields.second ?? 0,
  };
}

/** Minutes the zone is ahead of UTC at that instant (Chicago in summer: -300). */
export function zoneOffsetMinutes(epochMs: number, timeZone: string): number {
  const w = wallClock(epochMs, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return Math.round((asUtc - Math.floor(epochMs / 1000) * 1000) / 60_000);
}

function pad(value: number, width = 2): string {
  return String(Math.abs(value)).padStart(width, '0');
}

function offsetText(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  return `${sign}${pad(Math.trunc(Math.abs(minutes) / 60))}:${pad(Math.abs(minutes) % 60)}`;
}

/**
 * `2026-05-04T09:00` typed for America/Chicago → `2026-05-04T09:00:00-05:00`.
 * Returns null for an empty or malformed value. A time skipped by a daylight-saving jump
 * (02:30 on the spring-forward night) resolves to the instant an hour later on the clock.
 */
export function zonedInputToIso(localValue: string, timeZone: string): string | null {
  const match = localPattern.exec(localValue.trim());
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map((n) => Number(n ?? 0)) as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return null;
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(asUtc);
  if (check.getUTCDate() !== day || check.getUTCMonth() !== month - 1) return null;

  // The offset at the guessed instant may differ from the offset at the real one near a DST change:
  // try both, keep one whose wall clock is the typed value, and in a skipped hour take the later one.
  const firstOffset = zoneOffsetMinutes(asUtc, timeZone);
  const firstGuess = asUtc - firstOffset * 60_000;
  const secondGuess = asUtc - zoneOffsetMinutes(firstGuess, timeZone) * 60_000;
  const shows = (epochMs: number) => isoToZonedInput(new Date(epochMs).toISOString(), timeZone) === localValue.trim().slice(0, 16);
  const matching = [firstGuess, secondGuess].filter(shows);
  const instant = matching.length > 0 ? Math.min(...matching) : Math.max(firstGuess, secondGuess);
  const offset = zoneOffsetMinutes(instant, timeZone);
  const w = wallClock(instant, timeZone);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}${offsetText(offset)}`;
}

/** The inverse: an ISO instant → the `YYYY-MM-DDTHH:mm` a `datetime-local` input shows for that zone. */
export function isoToZonedInput(iso: string, timeZone: string): string {
  const epochMs = Date.parse(iso);
  if (Number.isNaN(epochMs)) return '';
  const w = wallClock(epochMs, timeZone);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`;
}

/** The calendar day of an instant in a zone, `YYYY-MM-DD`: the key the session list groups by. */
export function zonedDay(iso: string, timeZone: string): string {
  return isoToZonedInput(iso, timeZone).slice(0, 10);
}

/**
 * A session's times in a zone, and the zone's short name to show with them (never without it):
 * `{ range: '9:00 – 10:30 AM', zone: 'CDT' }`.
 */
export function formatZonedRange(startIso: string, endIso: string, timeZone: string, locale?: string): { range: string; zone: string } {
  const time = new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit', timeZone });
  // Lines may break only after the dash: never between "12:00" and "PM".
  const range = time
    .formatRange(new Date(startIso), new Date(endIso))
    .replace(/\s+/g, '\u00a0')
    .replace(/\u00a0([–-])\u00a0/, '\u00a0$1 ');
  return { range, zone: zoneName(startIso, timeZone, locale) };
}

/** `Monday, May 4`: a day heading for a `YYYY-MM-DD` key (noon UTC keeps it on the same date everywhere). */
export function formatDayKey(day: string, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { weekday: 'long', month: 'long', day: 'numeric', timeZone: 'UTC' }).format(new Date(`${day}T12:00:00Z`));
}

/** The zone's short name at an instant (`CDT`, or `GMT+2` where the locale has no abbreviation). */
export function zoneName(iso: string, timeZone: string, locale?: string): string {
  const parts = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'short' }).formatToParts(new Date(iso));
  return parts.find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
}

/** True when the name is a time zone this browser knows. */
export function isKnownTimeZone(timeZone: string): boolean {
  if (!timeZone.trim()) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}
