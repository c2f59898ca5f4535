/** Times are always shown with their time zone: the conference's, and the viewer's when it differs. */
export function formatTime(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit', timeZone, timeZoneName: 'short' }).format(new Date(iso));
}

export function formatDay(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat(undefined, { weekday: 'long', month: 'long', day: 'numeric', timeZone }).format(new Date(iso));
}

export function viewerTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

export function isLiveNow(session: { startsAt: string; endsAt: string }, now = Date.now()): boolean {
  return Date.parse(session.startsAt) <= now && now < Date.parse(session.endsAt);
}
