import { useEffect, useRef } from 'react';

/**
 * Plays one video track, always muted: sound goes through `StageAudio`, so a layout change never
 * interrupts it. `mirror` flips the presenter's own preview, as a mirror would.
 */
export function MediaView({
  track,
  label,
  mirror = false,
  fit = 'contain',
  testId = 'stage-video',
}: {
  track: MediaStreamTrack;
  label: string;
  mirror?: boolean;
  fit?: 'contain' | 'cover';
  testId?: string;
}) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const video = ref.current;
    if (!video) return;
    video.srcObject = new MediaStream([track]);
    video.play().catch(() => video.setAttribute('data-needs-gesture', 'true'));
    return () => {
      video.srcObject = null;
    };
  }, [track]);
  return (
    <video
      ref={ref}
      className={`media-view media-${fit}${mirror ? ' media-mirror' : ''}`}
      autoPlay
      playsInline
      muted
      aria-label={label}
      data-testid={testId}
    />
  );
}
