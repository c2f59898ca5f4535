import { RoundsError, type Identity, type Invitation, type InvitationPreview, type invitationBody } from '@rounds/shared';
import type { z } from 'zod';
import type { Db } from '../db/database';
import { normalizeEmail } from './auth-service';
import { hashSecretToken, newSecretToken } from './secret-tokens';

/** Long enough to reach a speaker weeks before the meeting; organizers can always send a new link. */
const invitationLifetimeMs = 30 * 24 * 3600_000;

type InvitationInput = z.infer<typeof invitationBody>;

const invitationColumns = ['id', 'role', 'email', 'boothId', 'expiresAt', 'acceptedBy'] as const;

function toInvitation(row: { id: string; role: Invitation['role']; email: string | null; boothId: string | null; expiresAt: Date; acceptedBy: string | null }): Invitation {
  return { id: row.id, role: row.role, email: row.email, boothId: row.boothId, expiresAt: row.expiresAt.toISOString(), acceptedBy: row.acceptedBy };
}

/** Invitation links through which organizers add organizers, moderators, speakers and exhibitor staff. */
export class InvitationService {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  /** Creates an invitation; the token is returned once and only its hash is kept. */
  async create(conferenceId: string, invitedBy: string, input: InvitationInput): Promise<{ invitation: Invitation; token: string }> {
    await this.#checkBooth(conferenceId, input);
    const token = newSecretToken();
    const row = await this.#db
      .insertInto('invitations')
      .values({
        tokenHash: hashSecretToken(token),
        conferenceId,
        role: input.role,
        boothId: input.boothId,
        email: input.email === null ? null : normalizeEmail(input.email),
        invitedBy,
        expiresAt: new Date(Date.now() + invitationLifetimeMs),
      })
      .returning(invitationColumns)
      .executeTakeFirstOrThrow();
    return { invitation: toInvitation(row), token };
  }

  async list(conferenceId: string): Promise<Invitation[]> {
    const rows = await this.#db
      .selectFrom('invitations')
      .select(invitationColumns)
      .where('conferenceId', '=', conferenceId)
      .orderBy('createdAt', 'desc')
      .orderBy('id')
      .execute();
    return rows.map(toInvitation);
  }

  /** Withdraws a link that nobody has used yet; an accepted one is a membership by now. */
  async revoke(conferenceId: string, invitationId: string): Promise<void> {
    const deleted = await this.#db
      .deleteFrom('invitations')
      .where('id', '=', invitationId)
      .where('conferenceId', '=', conferenceId)
      .where('acceptedBy', 'is', null)
      .returning('id')
      .executeTakeFirst();
    if (deleted) return;
    const existing = await this.#db
      .selectFrom('invitations')
      .select('id')
      .where('id', '=', invitationId)
      .where('conferenceId', '=', conferenceId)
      .executeTakeFirst();
    if (!existing) throw new RoundsError('resource.notFound', 'No such invitation in this conference.');
    throw new RoundsError('request.invalid', 'This invitation was already accepted, so it can no longer be revoked.');
  }

  /** What the invitation page shows before anyone signs in. */
  async preview(token: string): Promise<InvitationPreview> {
    const row = await this.#db
      .selectFrom('invitations')
      .innerJoin('conferences', 'conferences.id', 'invitations.conferenceId')
      .select(['conferences.name as conferenceName', 'invitations.role', 'invitations.expiresAt', 'invitations.acceptedBy'])
      .where('invitations.tokenHash', '=', hashSecretToken(token))
      .executeTakeFirst();
    if (!row) throw new RoundsError('auth.invalidToken');
    return { conferenceName: row.conferenceName, role: row.role, expired: row.expiresAt <= new Date(), accepted: row.acceptedBy !== null };
  }

  /** Uses the link once: the signed-in person gets the role (an exhibitor with the invitation's booth). */
  async accept(token: string, identity: Identity): Promise<{ conferenceId: string; role: Invitation['role'] }> {
    const tokenHash = hashSecretToken(token);
    const invitation = await this.#db
      .selectFrom('invitations')
      .select(['id', 'conferenceId', 'role', 'boothId', 'email', 'expiresAt', 'acceptedBy'])
      .where('tokenHash', '=', tokenHash)
      .executeTakeFirst();
    if (!invitation || invitation.acceptedBy !== null || invitation.expiresAt <= new Date()) throw new RoundsError('auth.invalidToken');
    if (invitation.email !== null && invitation.email !== normalizeEmail(identity.email)) {
      throw new RoundsError('auth.forbidden', 'This invitation was sent to another email address. Sign in with the account it was sent to.');
    }
    await this.#db.transaction().execute(async (tx) => {
      // Claimed in the same statement that checks it, so one link makes one membership even under a race.
      const claimed = await tx
        .updateTable('invitations')
        .set({ acceptedBy: identity.userId, acceptedAt: new Date() })
        .where('id', '=', invitation.id)
        .where('acceptedBy', 'is', null)
        .returning('id')
        .executeTakeFirst();
      if (!claimed) throw new RoundsError('auth.invalidToken');
      // Exhibitor staff belong to one booth per conference: a newer invitation moves them.
      await tx
        .insertInto('conferenceMembers')
        .values({ conferenceId: invitation.conferenceId, userId: identity.userId, role: invitation.role, boothId: invitation.boothId })
        .onConflict((oc) => oc.columns(['conferenceId', 'userId', 'role']).doUpdateSet({ boothId: (eb) => eb.ref('excluded.boothId') }))
        .execute();
    });
    return { conferenceId: invitation.conferenceId, role: invitation.role };
  }

  /** Self-registration as an attendee; registering twice changes nothing. */
  async attend(conferenceId: string, userId: string): Promise<void> {
    await this.#db
      .insertInto('conferenceMembers')
      .values({ conferenceId, userId, role: 'attendee' })
      .onConflict((oc) => oc.columns(['conferenceId', 'userId', 'role']).doNothing())
      .execute();
  }

  /** Exhibitor staff need a booth of this conference; nobody else has one. */
  async #checkBooth(conferenceId: string, input: InvitationInput): Promise<void> {
    if (input.role !== 'exhibitor') {
      if (input.boothId !== null) throw invalidBooth('Only exhibitor staff belong to a booth.');
      return;
    }
    if (input.boothId === null) throw invalidBooth('Choose the booth this person will staff.');
    const booth = await this.#db
      .selectFrom('booths')
      .select('id')
      .where('id', '=', input.boothId)
      .where('conferenceId', '=', conferenceId)
      .executeTakeFirst();
    if (!booth) throw invalidBooth('This booth is not part of this conference.');
  }
}

function invalidBooth(message: string): RoundsError {
  return new RoundsError('request.invalid', message, { boothId: message });
}
