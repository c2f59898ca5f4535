import { useEffect, useRef, type ReactNode } from 'react';
import { conferenceClient } from '../conference-client';
import { useRounds } from '../store';
import { MediaControls } from './media-controls';
import { Notice } from './notice';
import { StageTile } from './stage-tile';
import { useAction } from './use-action';

/** "Raise hand to ask a question" / "Lower my hand", beside the other stage controls. */
export function HandButton() {
  const handRaised = useRounds((s) => s.handRaised);
  const guestStatus = useRounds((s) => s.guestStatus);
  const { busy, error, run } = useAction();
  if (guestStatus !== 'none') return null;
  return (
    <>
      <button
        type="button"
        className={handRaised ? 'toggle-on' : undefined}
        disabled={busy}
        onClick={() => void run(() => conferenceClient.stage.raiseHand(!handRaised))}
      >
        {handRaised ? 'Lower my hand' : 'Raise hand to ask a question'}
      </button>
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </>
  );
}

/** How long a "you left the stage" message stays before it goes by itself. */
const messageMs = 12_000;

/**
 * An attendee's spoken question, after the hand: the hand-raised hint, the invitation (allow camera and
 * microphone, go on stage), the on-stage controls, and why the turn ended.
 */
export function GuestPanel() {
  const handRaised = useRounds((s) => s.handRaised);
  const guestStatus = useRounds((s) => s.guestStatus);
  const guestMessage = useRounds((s) => s.guestMessage);
  const { busy, error, run } = useAction();
  const invitation = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!guestMessage) return;
    const timer = window.setTimeout(() => useRounds.getState().setGuestStatus(useRounds.getState().guestStatus), messageMs);
    return () => window.clearTimeout(timer);
  }, [guestMessage]);

  useEffect(() => {
    if (guestStatus === 'invited') invitation.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [guestStatus]);

  const problem = error && (
    <Notice tone="error" title="That did not work">
      {error}
    </Notice>
  );

  if (guestStatus === 'invited' || guestStatus === 'joining') {
    return (
      <div ref={invitation} className="card guest-card guest-invited" role="region" aria-labelledby="invitation-heading">
        <p className="sr-only" role="alert">
          The moderator invites you on stage to ask your question.
        </p>
        <h2 id="invitation-heading">You are invited on stage</h2>
        <p>The moderator invites you to ask your question. Everyone watching will see and hear you.</p>
        <p className="muted">Your browser will ask to use your camera and microphone.</p>
        {problem}
        <div className="actions">
          <button type="button" className="primary" disabled={busy} onClick={() => void run(() => conferenceClient.stage.acceptInvitation())}>
            {guestStatus === 'joining' ? 'Starting camera and microphone…' : 'Join the stage with camera and microphone'}
          </button>
          <button type="button" disabled={busy} onClick={() => void run(() => conferenceClient.stage.declineInvitation())}>
            Not now
          </button>
        </div>
      </div>
    );
  }
  if (guestStatus === 'onStage') return <OnStage busy={busy} run={run} problem={problem} />;
  if (guestMessage) return <Notice title={guestMessage} />;
  if (handRaised) {
    return (
      <p className="hand-hint" role="status">
        Your hand is raised. The moderator can invite you on stage to ask your question aloud.
      </p>
    );
  }
  return null;
}

function OnStage({ busy, run, problem }: { busy: boolean; run: (action: () => Promise<void>) => Promise<void>; problem: ReactNode }) {
  const localStream = useRounds((s) => s.localStream);
  const cameraOff = useRounds((s) => s.cameraOff);
  const micMuted = useRounds((s) => s.micMuted);
  const name = useRounds((s) => s.me?.name ?? 'You');
  const camera = localStream?.getVideoTracks()[0] ?? null;
  return (
    <div className="card guest-card guest-on-stage" role="region" aria-label="You are on stage">
      <div className="guest-self">
        <StageTile name={name} caption="You" track={cameraOff ? null : camera} offReason="Camera off" micMuted={micMuted} mirror testId="self-view" />
      </div>
      <div className="guest-on-stage-text">
        <p>
          <span className="badge badge-live">You are on stage</span>
        </p>
        <p>Everyone watching sees and hears you. Ask your question; the moderator ends your turn.</p>
        {problem}
        <div className="actions">
          <MediaControls run={run} busy={busy} />
          <button type="button" className="danger" disabled={busy} onClick={() => void run(() => conferenceClient.stage.leaveGuestStage())}>
            Leave the stage
          </button>
        </div>
      </div>
    </div>
  );
}
