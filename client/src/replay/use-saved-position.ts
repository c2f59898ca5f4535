import { useEffect, useRef, useState, type RefObject } from 'react';
import { recordingsApi, savePositionOnLeave } from '../api/recordings';

/** How often the place is saved while the video plays. */
const saveEveryMs = 10_000;

/**
 * Saves where the viewer is in the replay: every 10 s while playing, on pause and at the end, and
 * when the page is hidden, left or closed (with a keepalive request that outlives the page).
 * Nothing is saved before playback has started or the viewer has moved the playhead, so opening
 * the page and leaving at once never overwrites the saved place with 0.
 * Returns whether the last save failed, to say so under the player.
 */
export function useSavedPosition(video: RefObject<HTMLVideoElement | null>, recordingId: string): { saveFailed: boolean } {
  const [saveFailed, setSaveFailed] = useState(false);
  const lastSaved = useRef<number | null>(null);

  useEffect(() => {
    const element = video.current;
    if (!element) return;
    let started = false;
    const position = () => Math.floor(element.currentTime);
    const changed = () => started && position() !== lastSaved.current;

    const save = () => {
      if (!changed()) return;
      const at = position();
      lastSaved.current = at;
      recordingsApi.savePosition(recordingId, at).then(
        () => setSaveFailed(false),
        () => {
          // Tried again at the next tick, pause or exit.
          lastSaved.current = null;
          setSaveFailed(true);
        },
      );
    };
    const saveOnLeave = () => {
      if (!changed()) return;
      lastSaved.current = position();
      savePositionOnLeave(recordingId, lastSaved.current);
    };
    const markStarted = () => {
      started = true;
    };
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') saveOnLeave();
    };
    const timer = window.setInterval(() => {
      if (!element.paused && !element.seeking) save();
    }, saveEveryMs);

    element.addEventListener('playing', markStarted);
    element.addEventListener('seeked', markStarted);
    element.addEventListener('pause', save);
    element.addEventListener('ended', save);
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('pagehide', saveOnLeave);
    return () => {
      window.clearInterval(timer);
      element.removeEventListener('playing', markStarted);
      element.removeEventListener('seeked', markStarted);
      element.removeEventListener('pause', save);
      element.removeEventListener('ended', save);
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('pagehide', saveOnLeave);
      // Leaving for another page of the app.
      saveOnLeave();
    };
  }, [video, recordingId]);

  return { saveFailed };
}
