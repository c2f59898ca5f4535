import { useEffect, useState, type ReactNode } from 'react';
import type { Program, ProgramSession } from '@rounds/shared';
import { DeviceSettings } from '../components/device-settings';
import { HandsPanel } from '../components/hands-panel';
import { MediaControls } from '../components/media-controls';
import { MediaView } from '../components/media-view';
import { Notice } from '../components/notice';
import { ProgramGate } from '../components/program-gate';
import { StageAudio } from '../components/stage-audio';
import { StageGrid } from '../components/stage-grid';
import { StageTile } from '../components/stage-tile';
import { useAction } from '../components/use-action';
import { conferenceClient } from '../conference-client';
import { formatDay, formatTimeRange, viewerTime } from '../format';
import { InteractionPanel } from '../qa/interaction-panel';
import { TalkUpload } from '../recordings/talk-upload';
import { hrefFor } from '../routes';
import { problemText } from '../stage/local-media';
import '../stage/stage.css';
import { useRounds } from '../store';

/**
 * The speaker's studio: camera and microphone choice with a preview and a level meter, go live and end,
 * mute, camera off, screen sharing, the other presenters, the queue of raised hands, and the questions
 * (moderated from here too), the polls and the chat. For the session's speakers, moderators and organizers.
 */
export function StudioPage({ conferenceId, sessionId }: { conferenceId: string; sessionId: string }) {
  return <ProgramGate conferenceId={conferenceId}>{(program) => <Studio program={program} sessionId={sessionId} />}</ProgramGate>;
}

function Studio({ program, sessionId }: { program: Program; sessionId: string }) {
  const userId = useRounds((s) => s.me?.userId);
  const session = program.sessions.find((s) => s.id === sessionId);
  const back = session ? hrefFor.session(program.conference.id, session.id) : hrefFor.agenda(program.conference.id);
  const crew = session?.people.some((p) => p.userId === userId) || program.myRoles.includes('organizer');
  // Speakers of the session and organizers may upload a talk; moderators may not.
  const uploader = session?.people.some((p) => p.userId === userId && p.role === 'speaker') || program.myRoles.includes('organizer');

  if (!session) {
    return (
      <Notice tone="error" title="This session is not in the program">
        It may have been removed or moved. <a href={back}>Back to the agenda</a>
      </Notice>
    );
  }
  const zone = program.conference.timeZone;
  const theirTime = viewerTime((z) => formatTimeRange(session, z), zone);
  return (
    <section className="stage-page">
      <a className="back" href={back}>
        <span aria-hidden="true">← </span>Session page
      </a>
      <p className="eyebrow">Speaker studio</p>
      <h1>{session.title}</h1>
      <p className="muted">
        {formatDay(session.startsAt, zone)}, {formatTimeRange(session, zone)}
        {theirTime && <> ({theirTime} your time)</>} · {session.stageName}
      </p>
      {crew ? (
        <StudioStage sessionId={session.id} timeZone={zone} upload={uploader ? <PrerecordedTalk key="upload" session={session} /> : null} />
      ) : (
        <Notice tone="error" title="The studio is for this session’s speakers and moderators">
          If you are presenting, ask the organizers to add you to the session. <a href={back}>Watch the session instead</a>
        </Notice>
      )}
    </section>
  );
}

/** For a speaker who cannot present live, or prefers not to: a recorded talk becomes the session's replay. */
function PrerecordedTalk({ session }: { session: ProgramSession }) {
  return (
    <section className="card studio-upload" aria-labelledby="prerecorded-heading">
      <h2 id="prerecorded-heading">Upload a pre-recorded talk</h2>
      <p className="muted">
        If you recorded your talk in advance, upload it here. It is processed into the on-demand replay of this session, and the organizers publish it.
      </p>
      <TalkUpload sessions={[session]} afterUpload="It is being processed; the organizers publish it to the on-demand library." />
    </section>
  );
}

function StudioStage({ sessionId, timeZone, upload }: { sessionId: string; timeZone: string; upload: ReactNode }) {
  const localStream = useRounds((s) => s.localStream);
  const screenTrack = useRounds((s) => s.screenTrack);
  const onAir = useRounds((s) => s.onAir);
  const cameraOff = useRounds((s) => s.cameraOff);
  const micMuted = useRounds((s) => s.micMuted);
  const status = useRounds((s) => s.stageStatus);
  const stageError = useRounds((s) => s.stageError);
  const joined = useRounds((s) => s.myPeerId !== null);
  const streams = useRounds((s) => s.remoteStreams);
  const pausedIds = useRounds((s) => s.pausedProducerIds);
  const activeSpeaker = useRounds((s) => s.activeSpeakerPeerId);
  const myPeerId = useRounds((s) => s.myPeerId);
  const myName = useRounds((s) => s.me?.name ?? 'You');
  const raisedHands = useRounds((s) => s.raisedHands.length);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const { busy, error, run } = useAction();

  useEffect(() => {
    conferenceClient.stage.startPreview().catch((caught: unknown) => setPreviewError(problemText(caught)));
    conferenceClient.stage.openStudio(sessionId).catch(() => undefined /* shown from the store */);
    return () => void conferenceClient.stage.leave();
  }, [sessionId]);

  const camera = localStream?.getVideoTracks()[0] ?? null;
  // Read on each render: a status change (reconnecting) renders again.
  const wantsLive = conferenceClient.stage.wantsLive;
  const speaking = activeSpeaker !== null && activeSpeaker === myPeerId;
  // Keyed, so going live reorders the panels without mounting them again (the questions stay open).
  const hands = <HandsPanel key="hands" run={run} busy={busy} />;
  const questions = <InteractionPanel key="questions" sessionId={sessionId} timeZone={timeZone} ask={false} />;
  const devices = <DeviceSettings key="devices" run={run} busy={busy} />;
  return (
    <div className="studio">
      <div className="studio-main">
        {onAir ? (
          <div className={`on-air-banner is-live${micMuted || cameraOff ? ' is-muted' : ''}`} role="status">
            <span className="badge badge-live" data-testid="on-air">
              You are live
            </span>
            <span>{onAirWords(micMuted, cameraOff)}</span>
          </div>
        ) : (
          <div className="on-air-banner" role="status">
            <span className="badge">Preview: not live</span>
            <span className="muted">Only you see this preview until you go live.</span>
          </div>
        )}
        {onAir && raisedHands > 0 && (
          <button type="button" className="hands-alert" onClick={() => document.getElementById('hands-heading')?.scrollIntoView({ behavior: 'smooth' })}>
            {raisedHands === 1 ? '1 raised hand' : `${raisedHands} raised hands`}: see the queue
          </button>
        )}
        <p className="recorded-note">
          <span className="recording-dot" aria-hidden="true" />
          This session is recorded for on-demand replay
        </p>
        <div className={`studio-previews${screenTrack ? ' with-screen' : ''}`}>
          <div className="stage-frame studio-frame">
            {camera ? (
              <StageTile
                name={myName}
                caption="You"
                speaking={speaking}
                track={cameraOff ? null : camera}
                offReason="Your camera is off"
                micMuted={micMuted}
                fit="contain"
                mirror
              />
            ) : previewError ? (
              <Notice tone="error" title="Your camera and microphone are not available">
                {previewError}
              </Notice>
            ) : (
              <Notice title="Starting your camera…" />
            )}
          </div>
          {screenTrack && (
            <div className="stage-frame studio-frame">
              <figure className="stage-tile stage-screen" aria-label="Your shared screen">
                <MediaView track={screenTrack} label="Your shared screen" testId="screen-preview" />
                <figcaption className="tile-caption">
                  <span className="tile-name">Your shared screen</span>
                </figcaption>
              </figure>
            </div>
          )}
        </div>
        {status === 'reconnecting' && (
          <Notice title="Reconnecting…">
            <span className="spinner" aria-hidden="true" /> {stageError} {wantsLive ? 'You go back on air by yourself.' : 'The studio comes back by itself.'}
          </Notice>
        )}
        {status === 'error' && (
          <Notice tone="error" title="The stage is not available">
            {stageError} Reload the page to try again.
          </Notice>
        )}
        {error && (
          <Notice tone="error" title="Something needs your attention">
            {error}
          </Notice>
        )}
        <div className="actions studio-controls">
          {onAir ? (
            <button type="button" className="danger" disabled={busy} onClick={() => void run(() => conferenceClient.stage.stopPresenting())}>
              End my presentation
            </button>
          ) : (
            <button type="button" className="primary go-live" disabled={busy || !localStream || !joined} onClick={() => void run(() => conferenceClient.stage.goLive())}>
              {busy ? 'Going live…' : 'Go live'}
            </button>
          )}
          <MediaControls run={run} busy={busy || !localStream} />
          {screenTrack ? (
            <button type="button" className="toggle-on" disabled={busy} onClick={() => void run(() => conferenceClient.stage.stopScreenShare())}>
              Stop sharing screen
            </button>
          ) : (
            <button type="button" disabled={busy || !localStream} onClick={() => void run(() => conferenceClient.stage.startScreenShare())}>
              Share screen
            </button>
          )}
        </div>
        <p className="muted">
          {!onAir
            ? 'Attendees see and hear you within a second or two of “Go live”.'
            : screenTrack
              ? 'Attendees see your screen large beside your camera. Stop sharing when you are done with the slides.'
              : 'To show slides, share your screen: attendees see it large beside your camera.'}
        </p>
        {streams.length > 0 && (
          <section className="studio-others" aria-labelledby="others-heading">
            <h2 id="others-heading">On stage with you</h2>
            <div className="stage-frame studio-others-frame">
              <StageGrid streams={streams} pausedIds={pausedIds} activeSpeakerPeerId={activeSpeaker} />
            </div>
            <StageAudio streams={streams} />
          </section>
        )}
      </div>
      {/* What matters now comes first: the devices while preparing, the raised hands and questions once live. */}
      <aside className="studio-aside">
        {onAir ? [hands, questions, devices] : [devices, hands, questions]}
        {upload}
      </aside>
    </div>
  );
}

/** The banner's sentence: live is obvious, and so is a muted microphone or a camera that is off. */
function onAirWords(micMuted: boolean, cameraOff: boolean): string {
  if (micMuted && cameraOff) return 'Your camera and microphone are off: attendees neither see nor hear you.';
  if (micMuted) return 'Your microphone is muted: attendees see you but cannot hear you.';
  if (cameraOff) return 'Your camera is off: attendees hear you but do not see you.';
  return 'Attendees see and hear you.';
}
