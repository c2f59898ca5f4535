import type { HlsState } from './use-hls';

export const playbackSpeeds = [0.75, 1, 1.25, 1.5, 1.75, 2] as const;

/**
 * What the browser's own video controls lack or hide: the quality, the speed and the captions,
 * as labelled native selects and a toggle button (keyboard and screen reader for free).
 */
export function PlayerControls({
  hls,
  speed,
  onSpeed,
  captions,
  onCaptions,
}: {
  hls: HlsState;
  speed: number;
  onSpeed(speed: number): void;
  /** null when the recording has no captions. */
  captions: boolean | null;
  onCaptions(on: boolean): void;
}) {
  const playing = hls.qualities.find((q) => q.index === hls.playing);
  return (
    <div className="player-controls" role="group" aria-label="Playback settings">
      {hls.qualities.length > 1 && (
        <div className="player-control">
          <label htmlFor="player-quality">Quality</label>
          <select id="player-quality" value={hls.chosen} onChange={(event) => hls.choose(Number(event.target.value))}>
            <option value={-1}>{hls.chosen === -1 && playing ? `Auto (${playing.label})` : 'Auto'}</option>
            {hls.qualities.map((quality) => (
              <option key={quality.index} value={quality.index}>
                {quality.label}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="player-control">
        <label htmlFor="player-speed">Speed</label>
        <select id="player-speed" value={speed} onChange={(event) => onSpeed(Number(event.target.value))}>
          {playbackSpeeds.map((s) => (
            <option key={s} value={s}>
              {s === 1 ? 'Normal (1x)' : `${s}x`}
            </option>
          ))}
        </select>
      </div>
      {captions !== null && (
        <button type="button" className="player-toggle" aria-pressed={captions} onClick={() => onCaptions(!captions)}>
          <span aria-hidden="true" className="cc-mark">
            CC
          </span>
          Captions
        </button>
      )}
    </div>
  );
}
