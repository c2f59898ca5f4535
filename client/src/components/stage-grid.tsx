import type { RemoteStream } from '../store/stage-slice';
import { MediaView } from './media-view';
import { StageTile } from './stage-tile';

interface Presenter {
  peerId: string;
  userName: string;
  camera?: RemoteStream;
  microphone?: RemoteStream;
}

/** One entry per presenting person, in the order they came on stage. */
function presentersOf(streams: RemoteStream[]): Presenter[] {
  const byPeer = new Map<string, Presenter>();
  for (const stream of streams) {
    if (stream.source === 'screen') continue;
    const presenter = byPeer.get(stream.peerId) ?? { peerId: stream.peerId, userName: stream.userName };
    if (stream.source === 'camera') presenter.camera = stream;
    else presenter.microphone = stream;
    byPeer.set(stream.peerId, presenter);
  }
  return [...byPeer.values()];
}

/**
 * The panel as a viewer sees it: a camera tile per presenter with the name underneath, the active
 * speaker highlighted, and a shared screen large beside (or, on a phone, above) the cameras.
 */
export function StageGrid({
  streams,
  pausedIds,
  activeSpeakerPeerId,
  audioOnly = false,
}: {
  streams: RemoteStream[];
  pausedIds: string[];
  activeSpeakerPeerId: string | null;
  audioOnly?: boolean;
}) {
  const paused = new Set(pausedIds);
  const presenters = presentersOf(streams);
  const screen = audioOnly ? undefined : streams.find((s) => s.source === 'screen' && !paused.has(s.producerId));
  const tiles = presenters.map((p) => {
    const cameraOn = p.camera && !paused.has(p.camera.producerId);
    // Audio only is said once, by the chip over the stage; a missing or paused camera is said per tile.
    const offReason = audioOnly ? undefined : p.camera ? 'Camera off' : 'No camera';
    return (
      <StageTile
        key={p.peerId}
        name={p.userName}
        track={cameraOn && !audioOnly ? p.camera!.track : null}
        producerId={p.camera?.producerId}
        offReason={offReason}
        micMuted={p.microphone ? paused.has(p.microphone.producerId) : false}
        speaking={p.peerId === activeSpeakerPeerId}
        fit={presenters.length === 1 && !screen ? 'contain' : 'cover'}
      />
    );
  });

  if (screen) {
    return (
      <div className="stage-layout stage-layout-screen">
        <figure className="stage-tile stage-screen" aria-label={`Screen shared by ${screen.userName}`}>
          <MediaView track={screen.track} label={`Screen shared by ${screen.userName}`} testId="stage-screen" />
          <figcaption className="tile-caption">
            <span className="tile-name">Screen of {screen.userName}</span>
          </figcaption>
        </figure>
        {tiles.length > 0 && <div className="stage-strip">{tiles}</div>}
      </div>
    );
  }
  return (
    <div className="stage-layout stage-layout-grid" data-count={Math.min(tiles.length, 9)}>
      {tiles}
    </div>
  );
}
