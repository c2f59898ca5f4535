import {
  formatDayKey,
  formatZonedRange,
  isKnownTimeZone,
  isoToZonedInput,
  zonedDay,
  zonedInputToIso,
  zoneOffsetMinutes,
} from '../../client/src/pages/organize/zoned-time';

describe('session times typed in the conference time zone', () => {
  test('a summer morning in Chicago becomes an instant five hours behind UTC', () => {
    const iso = zonedInputToIso('2026-05-04T09:00', 'America/Chicago');
    expect(iso).toBe('2026-05-04T09:00:00-05:00');
    expect(new Date(iso!).toISOString()).toBe('2026-05-04T14:00:00.000Z');
  });

  test('a winter morning in Chicago is six hours behind UTC', () => {
    expect(zonedInputToIso('2026-01-15T08:30', 'America/Chicago')).toBe('2026-01-15T08:30:00-06:00');
  });

  test('zones ahead of UTC, with half-hour offsets, and UTC itself', () => {
    expect(zonedInputToIso('2026-03-10T18:45', 'Asia/Kolkata')).toBe('2026-03-10T18:45:00+05:30');
    expect(zonedInputToIso('2026-07-01T10:00', 'Europe/Berlin')).toBe('2026-07-01T10:00:00+02:00');
    expect(zonedInputToIso('2026-07-01T10:00', 'UTC')).toBe('2026-07-01T10:00:00+00:00');
  });

  test('the same typed value means a different instant in another conference zone, whatever the computer’s zone', () => {
    const chicago = Date.parse(zonedInputToIso('2026-05-04T09:00', 'America/Chicago')!);
    const newYork = Date.parse(zonedInputToIso('2026-05-04T09:00', 'America/New_York')!);
    expect(chicago - newYork).toBe(3600_000);
  });

  test('times on either side of the autumn daylight-saving change get their own offsets', () => {
    expect(zonedInputToIso('2026-11-01T00:30', 'America/Chicago')).toBe('2026-11-01T00:30:00-05:00');
    expect(zonedInputToIso('2026-11-01T03:00', 'America/Chicago')).toBe('2026-11-01T03:00:00-06:00');
    // 01:30 happens twice that night; the first one is meant.
    expect(zonedInputToIso('2026-11-01T01:30', 'America/Chicago')).toBe('2026-11-01T01:30:00-05:00');
  });

  test('a time skipped by the spring-forward jump lands on a real instant an hour later on the clock', () => {
    expect(zonedInputToIso('2026-03-08T02:30', 'America/Chicago')).toBe('2026-03-08T03:30:00-05:00');
  });

  test('empty, malformed and impossible values give null', () => {
    expect(zonedInputToIso('', 'America/Chicago')).toBeNull();
    expect(zonedInputToIso('2026-05-04', 'America/Chicago')).toBeNull();
    expect(zonedInputToIso('2026-02-30T09:00', 'America/Chicago')).toBeNull();
    expect(zonedInputToIso('2026-05-04T24:10', 'America/Chicago')).toBeNull();
  });

  test('the inverse shows an instant as the wall-clock value of the conference zone', () => {
    expect(isoToZonedInput('2026-05-04T14:00:00.000Z', 'America/Chicago')).toBe('2026-05-04T09:00');
    expect(isoToZonedInput('2026-05-04T23:30:00Z', 'Asia/Tokyo')).toBe('2026-05-05T08:30');
    expect(isoToZonedInput('not a date', 'UTC')).toBe('');
  });

  test('typed values survive a round trip through ISO', () => {
    for (const zone of ['America/Chicago', 'Europe/London', 'Australia/Sydney', 'Asia/Kolkata', 'Pacific/Honolulu']) {
      for (const value of ['2026-01-31T07:05', '2026-06-15T23:59', '2026-10-04T12:00']) {
        expect(isoToZonedInput(zonedInputToIso(value, zone)!, zone)).toBe(value);
      }
    }
  });

  test('offsets, days and labels are those of the conference zone', () => {
    expect(zoneOffsetMinutes(Date.parse('2026-05-04T14:00:00Z'), 'America/Chicago')).toBe(-300);
    expect(zonedDay('2026-05-05T03:00:00Z', 'America/Chicago')).toBe('2026-05-04');
    const { range, zone } = formatZonedRange('2026-05-04T14:00:00Z', '2026-05-04T15:30:00Z', 'America/Chicago', 'en-US');
    expect(range.replace(/\s+/g, ' ')).toBe('9:00 – 10:30 AM');
    expect(zone).toBe('CDT');
    expect(formatDayKey('2026-05-04', 'en-US')).toBe('Monday, May 4');
  });

  test('known and unknown time zone names', () => {
    expect(isKnownTimeZone('America/Chicago')).toBe(true);
    expect(isKnownTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isKnownTimeZone('')).toBe(false);
  });
});
