import { useCallback, useEffect, useRef, useState } from 'react';
import type { RemoteStream } from '../store/stage-slice';

/**
 * Plays every received audio stream through its own hidden <audio> element. When the browser blocks
 * sound until the page is clicked, one button turns it on for all of them.
 */
export function StageAudio({ streams }: { streams: RemoteStream[] }) {
  const [blocked, setBlocked] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const onBlocked = useCallback(() => setBlocked(true), []);
  const audio = streams.filter((s) => s.kind === 'audio');
  return (
    <>
      {audio.map((stream) => (
        <AudioPlayback key={stream.producerId} track={stream.track} attempt={attempt} onBlocked={onBlocked} />
      ))}
      {blocked && audio.length > 0 && (
        <button
          type="button"
          className="primary stage-sound-button"
          onClick={() => {
            setBlocked(false);
            setAttempt((n) => n + 1);
          }}
        >
          Turn on sound
        </button>
      )}
    </>
  );
}

function AudioPlayback({ track, attempt, onBlocked }: { track: MediaStreamTrack; attempt: number; onBlocked: () => void }) {
  const ref = useRef<HTMLAudioElement>(null);
  useEffect(() => {
    const audio = ref.current;
    if (!audio) return;
    if (!audio.srcObject) audio.srcObject = new MediaStream([track]);
    audio.play().catch(onBlocked);
  }, [track, attempt, onBlocked]);
  return <audio ref={ref} autoPlay data-testid="stage-audio" />;
}
