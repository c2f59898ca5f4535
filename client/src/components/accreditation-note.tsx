import type { Program, ProgramSession } from '@rounds/shared';
import { formatCredits } from '../format';

/** The accreditation statement of a session, the same on the live page and on its replay. */
export function AccreditationNote({ session, program }: { session: ProgramSession; program: Program }) {
  return (
    <section aria-labelledby="accreditation-heading" className="card aside-card">
      <h2 id="accreditation-heading">Accreditation</h2>
      {session.accredited && session.maxCredits ? (
        <p>
          {program.conference.accreditingProvider || 'The accredited provider'} designates this session for a maximum of{' '}
          <strong>{formatCredits(session.maxCredits)}</strong>. Claim only the credit commensurate with the extent of your participation.
        </p>
      ) : (
        <p>This session does not offer CME credit.</p>
      )}
    </section>
  );
}
