import { useEffect, useRef } from 'react';

/** Plays a set of tracks (video and audio together). Muted for the presenter's own preview. */
export function MediaView({ tracks, muted = false, label }: { tracks: MediaStreamTrack[]; muted?: boolean; label: string }) {
  const ref = useRef<HTMLVideoElement>(null);
  const trackIds = tracks.map((t) => t.id).join(',');
  useEffect(() => {
    const video = ref.current;
    if (!video) return;
    video.srcObject = tracks.length ? new MediaStream(tracks) : null;
    if (tracks.length) video.play().catch(() => video.setAttribute('data-needs-gesture', 'true'));
    // Re-attach only when the set of tracks changes, not on every render.
  }, [trackIds]);
  return <video ref={ref} className="media-view" autoPlay playsInline muted={muted} aria-label={label} data-testid="stage-video" />;
}
