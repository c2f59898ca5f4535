import { conferenceClient } from '../conference-client';
import { useRounds } from '../store';

/** Mute / unmute the microphone and turn the camera off / on: the same buttons for speakers and guests. */
export function MediaControls({ run, busy }: { run: (action: () => Promise<void>) => Promise<void>; busy: boolean }) {
  const micMuted = useRounds((s) => s.micMuted);
  const cameraOff = useRounds((s) => s.cameraOff);
  return (
    <>
      <button type="button" className={micMuted ? 'toggle-on' : undefined} disabled={busy} onClick={() => void run(() => conferenceClient.stage.setMicMuted(!micMuted))}>
        {micMuted ? 'Unmute microphone' : 'Mute microphone'}
      </button>
      <button type="button" className={cameraOff ? 'toggle-on' : undefined} disabled={busy} onClick={() => void run(() => conferenceClient.stage.setCameraOff(!cameraOff))}>
        {cameraOff ? 'Turn camera on' : 'Turn camera off'}
      </button>
    </>
  );
}
