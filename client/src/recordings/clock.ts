/** Times within a recording: "4:05", "1:02:03" on a clock face, and "42 min" as a length. */

/** "4:05" or "1:02:03": seconds as a player shows them (rounded down to the second). */
export function formatClock(totalSec: number): string {
  const whole = Math.max(0, Math.floor(totalSec));
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  const seconds = String(whole % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

/** "42 min", "1 h 05 min", "under a minute": how long a talk is, for cards and lists. */
export function formatLength(totalSec: number): string {
  const minutes = Math.round(totalSec / 60);
  if (minutes < 1) return 'under a minute';
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

/**
 * Reads "mm:ss", "h:mm:ss" or plain seconds ("90") as seconds; null when it is not a time.
 * Minutes may exceed 59 in "mm:ss" ("75:00" is an hour and a quarter); seconds may not.
 */
export function parseClock(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d+(:\d{1,2}){0,2}$/.test(trimmed)) return null;
  const parts = trimmed.split(':').map(Number);
  if (parts.length > 1 && parts[parts.length - 1]! > 59) return null;
  if (parts.length === 3 && parts[1]! > 59) return null;
  return parts.reduce((total, part) => total * 60 + part, 0);
}
