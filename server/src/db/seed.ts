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

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * Seeds the demo conference once: a two-day meeting starting today with a main stage whose
 * keynote runs all day, so the demo speaker can go live at any hour. Running it again changes nothing.
 */
export async function seedDemo(db: Db, now = new Date()): Promise<{ conferenceId: string; created: boolean }> {
  const existing = await db.selectFrom('conferences').select('id').where('slug', '=', demoConferenceSlug).executeTakeFirst();
  if (existing) return { conferenceId: existing.id, created: false };

  const passwordHash = await hash(demoPassword);
  return db.transaction().execute(async (tx) => {
    const dayStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
    const dayEnd = new Date(dayStart.getTime() + 24 * 3600_000);
    const conference = await tx
      .insertInto('conferences')
      .values({
        slug: demoConferenceSlug,
        name: 'Rounds Demo: Annual Meeting in Internal Medicine',
        timeZone: 'America/Chicago',
        startsOn: isoDay(dayStart),
        endsOn: isoDay(dayEnd),
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

    const keynote = await tx
      .insertInto('sessions')
      .values({
        conferenceId: conference.id,
        stageId: stage.id,
        title: 'Opening keynote: Sepsis care in 2026',
        startsAt: dayStart,
        endsAt: dayEnd,
      })
      .returning('id')
      .executeTakeFirstOrThrow();

    await tx
      .insertInto('sessionPeople')
      .values([
        { sessionId: keynote.id, userId: userId('speaker'), role: 'speaker' },
        { sessionId: keynote.id, userId: userId('moderator'), role: 'moderator' },
      ])
      .execute();

    return { conferenceId: conference.id, created: true };
  });
}
