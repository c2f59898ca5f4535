/**
 * Times are always shown with their time zone: the conference's, and the viewer's when it differs.
 * Credits are always shown with their unit.
 */

interface Timed {
  startsAt: string;
  endsAt: string;
}

export function formatTime(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit', timeZone, timeZoneName: 'short' }).format(new Date(iso));
}

/** "9:00 – 10:30 AM CDT": one zone name for the pair. */
export function formatTimeRange(session: Timed, timeZone: string): string {
  const format = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit', timeZone, timeZoneName: 'short' });
  return format.formatRange(new Date(session.startsAt), new Date(session.endsAt));
}

export function formatDay(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat(undefined, { weekday: 'long', month: 'long', day: 'numeric', timeZone }).format(new Date(iso));
}

export function viewerTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** "America/Chicago" → "Chicago": how people name a time zone. */
export function zoneCity(timeZone: string): string {
  return (timeZone.split('/').pop() ?? timeZone).replace(/_/g, ' ');
}

/**
 * The same instant in the viewer's zone, or null when it reads the same as in the conference's zone
 * (same zone, or another zone with the same offset): then one time is enough.
 */
export function viewerTime(format: (timeZone: string) => string, conferenceZone: string, viewerZone = viewerTimeZone()): string | null {
  if (viewerZone === conferenceZone) return null;
  const theirs = format(viewerZone);
  return theirs === format(conferenceZone) ? null : theirs;
}

/** The calendar day of an instant in a time zone, as YYYY-MM-DD (sortable, usable as a key). */
export function dayKey(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso));
}

/** "Tuesday, May 12" for a YYYY-MM-DD calendar day (no time zone involved). */
export function formatDayKey(key: string, weekday: 'long' | 'short' = 'long'): string {
  return new Intl.DateTimeFormat(undefined, { weekday, month: weekday === 'long' ? 'long' : 'short', day: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${key}T12:00:00Z`),
  );
}

/** Every calendar day from the first to the last, inclusive. */
export function daysBetween(startsOn: string, endsOn: string): string[] {
  const days: string[] = [];
  for (let day = new Date(`${startsOn}T12:00:00Z`); days.length < 31; day = new Date(day.getTime() + 86_400_000)) {
    const key = day.toISOString().slice(0, 10);
    if (key > endsOn) break;
    days.push(key);
  }
  return days;
}

/** "May 12 – 13, 2026" for the conference's first and last day. */
export function formatDateSpan(startsOn: string, endsOn: string): string {
  const format = new Intl.DateTimeFormat(undefined, { month: 'long', day: 'numeric', year: 'numeric', timeZone: 'UTC' });
  return format.formatRange(new Date(`${startsOn}T12:00:00Z`), new Date(`${endsOn}T12:00:00Z`));
}

/** "1.0 CME credits", "1.25 CME credits". */
export function formatCredits(credits: number): string {
  return `${credits.toLocaleString(undefined, { minimumFractionDigits: 1, maximumFractionDigits: 2 })} CME credits`;
}

export function isLiveNow(session: Timed, now = Date.now()): boolean {
  return Date.parse(session.startsAt) <= now && now < Date.parse(session.endsAt);
}

export function hasEnded(session: Timed, now = Date.now()): boolean {
  return Date.parse(session.endsAt) <= now;
}

/** "in 25 min", "in 2 h 10 min" until a session starts; null once it has, or when it is hours away. */
export function startsIn(session: Timed, now = Date.now()): string | null {
  const minutes = Math.ceil((Date.parse(session.startsAt) - now) / 60_000);
  if (minutes <= 0) return null;
  if (minutes < 60) return `in ${minutes} min`;
  const hours = Math.floor(minutes / 60);
  // Further out, the day and time say it better than a countdown.
  if (hours >= 6) return null;
  return minutes % 60 === 0 ? `in ${hours} h` : `in ${hours} h ${minutes % 60} min`;
}

export const roleLabels = {
  organizer: 'Organizer',
  moderator: 'Moderator',
  speaker: 'Speaker',
  exhibitor: 'Exhibitor staff',
  attendee: 'Attendee',
} as const;

/** "Dr. Hannah Weiss, PharmD" → "HW": neither titles nor post-nominal letters are initials. */
export function initials(name: string): string {
  const words = (name.split(',')[0] ?? name).split(/\s+/).filter((w) => w && !/^(dr|prof)\.?$/i.test(w));
  return ((words[0]?.[0] ?? '') + (words.length > 1 ? (words[words.length - 1]?.[0] ?? '') : '')).toUpperCase();
}
