import { zoneOffsetMinutes } from './zoned-time';

/** Time zones organizers pick most often, by region; any other IANA name can be typed in. */
export const commonTimeZones: readonly { region: string; zones: readonly string[] }[] = [
  {
    region: 'Americas',
    zones: [
      'America/New_York',
      'America/Chicago',
      'America/Denver',
      'America/Phoenix',
      'America/Los_Angeles',
      'America/Anchorage',
      'Pacific/Honolulu',
      'America/Toronto',
      'America/Vancouver',
      'America/Mexico_City',
      'America/Bogota',
      'America/Sao_Paulo',
      'America/Argentina/Buenos_Aires',
    ],
  },
  {
    region: 'Europe and Africa',
    zones: ['Europe/London', 'Europe/Dublin', 'Europe/Lisbon', 'Europe/Paris', 'Europe/Berlin', 'Europe/Madrid', 'Europe/Rome', 'Europe/Amsterdam', 'Europe/Stockholm', 'Europe/Athens', 'Europe/Istanbul', 'Africa/Lagos', 'Africa/Cairo', 'Africa/Nairobi', 'Africa/Johannesburg'],
  },
  {
    region: 'Asia and Oceania',
    zones: ['Asia/Dubai', 'Asia/Karachi', 'Asia/Kolkata', 'Asia/Dhaka', 'Asia/Bangkok', 'Asia/Singapore', 'Asia/Hong_Kong', 'Asia/Shanghai', 'Asia/Seoul', 'Asia/Tokyo', 'Australia/Perth', 'Australia/Sydney', 'Pacific/Auckland'],
  },
  { region: 'Universal', zones: ['UTC'] },
];

export const isCommonTimeZone = (zone: string) => commonTimeZones.some((group) => group.zones.includes(zone));

/** `America/Chicago (UTC−5)`: the name with its offset now, so neighbours in the list are easy to tell apart. */
export function timeZoneLabel(zone: string, now = Date.now()): string {
  const minutes = zoneOffsetMinutes(now, zone);
  if (minutes === 0) return `${zone.replaceAll('_', ' ')} (UTC)`;
  const hours = Math.trunc(Math.abs(minutes) / 60);
  const rest = Math.abs(minutes) % 60;
  return `${zone.replaceAll('_', ' ')} (UTC${minutes < 0 ? '−' : '+'}${hours}${rest ? `:${String(rest).padStart(2, '0')}` : ''})`;
}
