import type HlsClass from 'hls.js';
import type { Level } from 'hls.js';
import { useEffect, useRef, useState, type RefObject } from 'react';

export interface Quality {
  /** The hls.js level index. */
  index: number;
  label: string;
  height: number;
}

export interface HlsState {
  /** The renditions, tallest first; empty until the manifest is read (and always with native HLS, which picks by itself). */
  qualities: Quality[];
  /** The chosen level, -1 for automatic. */
  chosen: number;
  /** The level playing now (what "Auto" has picked), or null before the first switch. */
  playing: number | null;
  choose(index: number): void;
  /** A failure the player could not recover from, as a sentence for the viewer. */
  error: string | null;
}

function qualitiesOf(levels: Level[]): Quality[] {
  const heights = levels.map((l) => l.height);
  return levels
    .map((level, index) => ({
      index,
      height: level.height,
      // Two renditions of one height are told apart by their bitrate.
      label: heights.filter((h) => h === level.height).length > 1 ? `${level.height}p, ${Math.round(level.bitrate / 1000)} kbps` : `${level.height}p`,
    }))
    .sort((a, b) => b.height - a.height || b.index - a.index);
}

/**
 * Plays an HLS master playlist in the video element: hls.js where Media Source Extensions exist,
 * the browser's own HLS elsewhere (Safari on iPhone). Starts at `startAt` seconds. Network errors are
 * retried three times and media errors recovered once before the viewer is told.
 * `startAt` is read once, when `src` is attached.
 */
export function useHls(video: RefObject<HTMLVideoElement | null>, src: string, startAt: number): HlsState {
  const [qualities, setQualities] = useState<Quality[]>([]);
  const [chosen, setChosen] = useState(-1);
  const [playing, setPlaying] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const hlsRef = useRef<HlsClass | null>(null);
  const startRef = useRef(startAt);

  useEffect(() => {
    const element = video.current;
    if (!element) return;
    setError(null);
    const start = startRef.current;
    let cancelled = false;
    let detach: () => void = () => undefined;

    // Loaded on the replay page only: hls.js is a large part of the bundle and no other page needs it.
    import('hls.js').then(
      ({ default: Hls }) => {
        if (cancelled) return;
        if (Hls.isSupported()) detach = attachHlsJs(Hls, element, src, start);
        else if (element.canPlayType('application/vnd.apple.mpegurl')) detach = attachNative(element, src, start);
        else setError('This browser cannot play these videos. Open the page in a current Chrome, Edge, Firefox or Safari.');
      },
      () => {
        if (!cancelled) setError('The player could not be loaded. Check your connection, then reload the page.');
      },
    );

    function attachHlsJs(Hls: typeof HlsClass, media: HTMLVideoElement, source: string, startAt: number): () => void {
      const hls = new Hls({ startPosition: startAt > 0 ? startAt : -1 });
      hlsRef.current = hls;
      let networkRetries = 0;
      let mediaRecovered = false;
      hls.on(Hls.Events.MANIFEST_PARSED, (_event, data) => setQualities(qualitiesOf(data.levels)));
      hls.on(Hls.Events.LEVEL_SWITCHED, (_event, data) => setPlaying(data.level));
      hls.on(Hls.Events.FRAG_LOADED, () => {
        networkRetries = 0;
      });
      hls.on(Hls.Events.ERROR, (_event, data) => {
        if (!data.fatal) return;
        if (data.type === Hls.ErrorTypes.NETWORK_ERROR && networkRetries < 3) {
          networkRetries += 1;
          hls.startLoad();
          return;
        }
        if (data.type === Hls.ErrorTypes.MEDIA_ERROR && !mediaRecovered) {
          mediaRecovered = true;
          hls.recoverMediaError();
          return;
        }
        setError(
          data.type === Hls.ErrorTypes.NETWORK_ERROR
            ? 'The video stopped loading. Check your connection, then reload the page: it resumes where you were.'
            : 'This video cannot be played in this browser. Reload the page, or try another browser.',
        );
        hls.destroy();
        hlsRef.current = null;
      });
      hls.loadSource(source);
      hls.attachMedia(media);
      return () => {
        hls.destroy();
        hlsRef.current = null;
      };
    }

    return () => {
      cancelled = true;
      detach();
    };
  }, [video, src]);

  function choose(index: number) {
    const hls = hlsRef.current;
    if (!hls) return;
    // currentLevel switches now (dropping what is buffered) so the choice shows at once.
    hls.currentLevel = index;
    setChosen(index);
  }

  return { qualities, chosen, playing, choose, error };
}

/** The browser's own HLS (Safari): it picks the quality itself; the start is set once the length is known. */
function attachNative(media: HTMLVideoElement, source: string, startAt: number): () => void {
  const seek = () => {
    if (startAt > 0) media.currentTime = startAt;
  };
  media.addEventListener('loadedmetadata', seek, { once: true });
  media.src = source;
  return () => {
    media.removeEventListener('loadedmetadata', seek);
    media.removeAttribute('src');
    media.load();
  };
}
