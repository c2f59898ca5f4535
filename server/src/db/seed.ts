import { hash } from '@node-rs/argon2';
import type { Role } from '@rounds/shared';
import type { Db } from './database';

/** The demo accounts printed by `npm start`; all share one password. */
export const demoPassword = 'rounds-demo-2026';
export const demoAccounts: { role: Role; email: string; name: string }[] = [
  { role: 'organizer', email: 'organizer@demo.rounds.test', name: 'Olivia Organizer' },
  { role: 'moderator', email: 'moderator@demo.rounds.test', name: 'Dr. Miguel Moderator' },
  { role: 'speaker', email: 'speaker@demo.rounds.test', name: 'Dr. Sara Speaker' },
  { role: 'exhibitor', email: 'exhibitor@demo.rounds.test', name: 'Evan Exhibitor' },
  { role: 'attendee', email: 'attendee@demo.rounds.test', name: 'Dr. Amal Attendee' },
];
export const demoConferenceSlug = 'demo';

const timeZone = 'America/Chicago';
const hourMs = 3600_000;

/** The calendar date of an instant in the conference's time zone, as YYYY-MM-DD. */
function localDay(date: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
}

/**
 * Seeds the demo conference once: a two-day meeting starting today, whose keynote began on the hour
 * before the seed ran and lasts four hours, so "live now" shows at once. Running it again changes nothing.
 */
export async function seedDemo(db: Db, now = new Date()): Promise<{ conferenceId: string; created: boolean }> {
  const existing = await db.selectFrom('conferences').select('id').where('slug', '=', demoConferenceSlug).executeTakeFirst();
  if (existing) return { conferenceId: existing.id, created: false };

  const passwordHash = await hash(demoPassword);
  return db.transaction().execute(async (tx) => {
    const keynoteStart = new Date(Math.floor(now.getTime() / hourMs) * hourMs - hourMs);
    const conference = await tx
      .insertInto('conferences')
      .values({
        slug: demoConferenceSlug,
        name: 'Rounds Demo: Annual Meeting in Internal Medicine',
        timeZone,
        startsOn: localDay(now),
        endsOn: localDay(new Date(now.getTime() + 24 * hourMs)),
      })
      .returning('id')
      .executeTakeFirstOrThrow();

    const users = await tx
      .insertInto('users')
      .values(demoAccounts.map(({ email, name }) => ({ email, name, passwordHash })))
      .onConflict((oc) => oc.column('email').doUpdateSet({ name: (eb) => eb.ref('excluded.name') }))
      .returning(['id', 'email'])
      .execute();
    const userId = (role: Role) => users.find((u) => u.email === demoAccounts.find((a) => a.role === role)!.email)!.id;

    await tx
      .insertInto('conferenceMembers')
      .values(demoAccounts.map(({ role }) => ({ conferenceId: conference.id, userId: userId(role), role })))
      .execute();

    const stage = await tx
      .insertInto('stages')
      .values({ conferenceId: conference.id, name: 'Main stage' })
      .returning('id')
      .executeTakeFirstOrThrow();

    const at = (hoursAfterKeynote: number) => new Date(keynoteStart.getTime() + hoursAfterKeynote * hourMs);
    const sessions = await tx
      .insertInto('sessions')
      .values([
        { title: 'Opening keynote: Sepsis care in 2026', startsAt: at(0), endsAt: at(4) },
        { title: 'Case presentation: Atypical chest pain in a 42-year-old', startsAt: at(4.5), endsAt: at(5.5) },
        { title: 'Panel: Deprescribing in older adults', startsAt: at(24), endsAt: at(25.5) },
      ].map((session) => ({ ...session, conferenceId: conference.id, stageId: stage.id })))
      .returning('id')
      .execute();

    await tx
      .insertInto('sessionPeople')
      .values(
        sessions.flatMap(({ id }) => [
          { sessionId: id, userId: userId('speaker'), role: 'speaker' as const },
          { sessionId: id, userId: userId('moderator'), role: 'moderator' as const },
        ]),
      )
      .execute();

    return { conferenceId: conference.id, created: true };
  });
}
