import { useEffect, type ReactNode } from 'react';
import type { Program } from '@rounds/shared';
import { conferenceClient } from '../conference-client';
import { hrefFor } from '../routes';
import { useRounds } from '../store';
import { Notice } from './notice';

/**
 * Loads a conference's program and renders its children with it;
 * while loading, or when it cannot be shown, says so and what to do next.
 */
export function ProgramGate({ conferenceId, children }: { conferenceId: string; children: (program: Program) => ReactNode }) {
  const program = useRounds((s) => (s.program?.conference.id === conferenceId ? s.program : null));
  const status = useRounds((s) => s.programStatus);
  const error = useRounds((s) => s.programError);
  const code = useRounds((s) => s.programErrorCode);

  // Loaded on every visit: a program already on screen is refreshed in place, without a loading flash.
  useEffect(() => {
    void conferenceClient.loadProgram(conferenceId);
  }, [conferenceId]);

  if (program) return <>{children(program)}</>;
  if (status !== 'error') return <Notice title="Loading the program…" />;
  if (code === 'auth.forbidden') {
    return (
      <Notice tone="error" title="You have not joined this conference">
        Open the conference link the organizers shared and press “Join as attendee”, or accept the invitation link you received.{' '}
        <a href={hrefFor.home()}>Go to my conferences</a>
      </Notice>
    );
  }
  if (code === 'resource.notFound') {
    return (
      <Notice tone="error" title="This conference does not exist">
        The link may be incomplete. <a href={hrefFor.home()}>Go to my conferences</a>
      </Notice>
    );
  }
  return (
    <Notice tone="error" title="The program could not be loaded">
      {error}{' '}
      <button type="button" className="link-inline" onClick={() => void conferenceClient.loadProgram(conferenceId)}>
        Try again
      </button>
    </Notice>
  );
}
