import { RoundsError, credentialOptions, type Profile, type ProfileBody } from '@rounds/shared';
import type { Db } from '../db/database';

type Credential = Profile['credentials'][number];
const isCredential = (value: string): value is Credential => (credentialOptions as readonly string[]).includes(value);

/** A clinician's profile (printed on certificates later). Who may read it is the routes' concern. */
export async function loadProfile(db: Db, userId: string): Promise<Profile> {
  const user = await db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'credentials', 'specialty', 'licenceState', 'licenceNumber'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!user) throw new RoundsError('resource.notFound', 'No such person');
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    credentials: user.credentials.filter(isCredential),
    specialty: user.specialty,
    licenceState: user.licenceState,
    licenceNumber: user.licenceNumber,
  };
}

export async function saveProfile(db: Db, userId: string, body: ProfileBody): Promise<Profile> {
  // An empty licence field means "no licence given", stored as null like an omitted one.
  await db
    .updateTable('users')
    .set({
      name: body.name,
      credentials: JSON.stringify([...new Set(body.credentials)]),
      specialty: body.specialty,
      licenceState: body.licenceState || null,
      licenceNumber: body.licenceNumber || null,
    })
    .where('id', '=', userId)
    .execute();
  return loadProfile(db, userId);
}
