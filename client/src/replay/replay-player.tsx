import { useEffect, useRef, useState } from 'react';
import type { Replay } from '@rounds/shared';
import { Notice } from '../components/notice';
import { formatClock } from '../recordings/clock';
import { PlayerControls, playbackSpeeds } from './player-controls';
import { useHls } from './use-hls';
import { useSavedPosition } from './use-saved-position';

/** A place this close to the end counts as finished: the next visit starts from the beginning. */
const finishedWithinSec = 10;
/** Before this, there is nothing worth resuming. */
const resumeAfterSec = 5;

const speedKey = 'rounds.replaySpeed';
const captionsKey = 'rounds.replayCaptions';

/** The viewer's speed and captions choices, kept for the next talk (a preference, not a record). */
function stored(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null; // storage blocked (private mode, policy): the defaults apply
  }
}
function store(key: string, value: string): void {
  try {
    window.localStorage.setItem(key, value);
  } catch {
    // storage blocked: the choice lasts for this page only
  }
}

function initialSpeed(): number {
  const saved = Number(stored(speedKey));
  return (playbackSpeeds as readonly number[]).includes(saved) ? saved : 1;
}

/** The on-demand player: hls.js with quality, speed and captions; resumes where the viewer stopped. */
export function ReplayPlayer({ replay }: { replay: Replay }) {
  const video = useRef<HTMLVideoElement>(null);
  const track = useRef<HTMLTrackElement>(null);
  const [resumeAt] = useState(() =>
    replay.positionSec > resumeAfterSec && replay.positionSec < replay.durationSec - finishedWithinSec ? replay.positionSec : 0,
  );
  const [resumeNote, setResumeNote] = useState(resumeAt > 0);
  const [speed, setSpeed] = useState(initialSpeed);
  const [captions, setCaptions] = useState(() => stored(captionsKey) === 'on');
  const hls = useHls(video, replay.masterUrl, resumeAt);
  const { saveFailed } = useSavedPosition(video, replay.recordingId);

  // The note is for the moment of resuming: once the talk has played on well past that point, it goes.
  useEffect(() => {
    const element = video.current;
    if (!element || !resumeNote) return;
    const check = () => {
      if (element.currentTime > resumeAt + 30) setResumeNote(false);
    };
    element.addEventListener('timeupdate', check);
    return () => element.removeEventListener('timeupdate', check);
  }, [resumeNote, resumeAt]);

  // Both rates: a new source resets playbackRate to defaultPlaybackRate.
  useEffect(() => {
    const element = video.current;
    if (!element) return;
    element.defaultPlaybackRate = speed;
    element.playbackRate = speed;
  }, [speed]);

  useEffect(() => {
    const textTrack = track.current?.track;
    if (textTrack) textTrack.mode = captions ? 'showing' : 'hidden';
  }, [captions, replay.captionsUrl]);

  // The browser's own CC menu can switch captions too: the toggle follows it.
  useEffect(() => {
    const tracks = video.current?.textTracks;
    if (!tracks) return;
    const follow = () => {
      const textTrack = track.current?.track;
      if (textTrack) setCaptions(textTrack.mode === 'showing');
    };
    tracks.addEventListener('change', follow);
    return () => tracks.removeEventListener('change', follow);
  }, []);

  return (
    <div className="replay-player">
      <div className="player-frame">
        <video
          ref={video}
          className="player-video"
          controls
          playsInline
          preload="metadata"
          poster={replay.posterUrl ?? undefined}
          aria-label={`Recording: ${replay.title}`}
          data-testid="replay-video"
        >
          {replay.captionsUrl && <track ref={track} kind="captions" src={replay.captionsUrl} srcLang="en" label="Captions" />}
        </video>
      </div>
      {hls.error && (
        <Notice tone="error" title="The video could not be played">
          {hls.error}
        </Notice>
      )}
      <PlayerControls
        hls={hls}
        speed={speed}
        onSpeed={(value) => {
          setSpeed(value);
          store(speedKey, String(value));
        }}
        captions={replay.captionsUrl ? captions : null}
        onCaptions={(on) => {
          setCaptions(on);
          store(captionsKey, on ? 'on' : 'off');
        }}
      />
      {resumeNote && (
        <p className="resume-note" role="status">
          <span>Resuming at {formatClock(resumeAt)}, where you stopped last time.</span>
          <button
            type="button"
            className="link-inline"
            onClick={() => {
              if (video.current) {
                video.current.currentTime = 0;
                // The button goes away with the note: the keyboard goes on at the player.
                video.current.focus();
              }
              setResumeNote(false);
            }}
          >
            Start from the beginning
          </button>
        </p>
      )}
      {saveFailed && <p className="muted player-save-note">Your place in this talk could not be saved just now; it is tried again as you watch.</p>}
    </div>
  );
}
