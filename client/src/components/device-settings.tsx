import { conferenceClient } from '../conference-client';
import { useRounds } from '../store';

/** How loud the microphone is, as a bar and for screen readers (role="meter"). */
export function MicMeter() {
  const level = useRounds((s) => s.micLevel);
  const muted = useRounds((s) => s.micMuted);
  const value = muted ? 0 : level;
  const words = muted ? 'Muted' : value < 8 ? 'Silent' : value < 35 ? 'Quiet' : value < 90 ? 'Good' : 'Very loud';
  return (
    <div className="mic-meter">
      <span id="mic-meter-label" className="field-label">
        Microphone level
      </span>
      <div
        className="meter-track"
        role="meter"
        aria-labelledby="mic-meter-label"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={value}
        aria-valuetext={`${words} (${value} of 100)`}
      >
        <div className={`meter-fill${value >= 90 ? ' meter-hot' : ''}`} style={{ width: `${value}%` }} />
      </div>
      <span className="meter-words">{words}</span>
    </div>
  );
}

/** Camera and microphone choice; switching while live swaps the track without interrupting the stream. */
export function DeviceSettings({ run, busy }: { run: (action: () => Promise<void>) => Promise<void>; busy: boolean }) {
  const cameras = useRounds((s) => s.cameras);
  const microphones = useRounds((s) => s.microphones);
  const cameraId = useRounds((s) => s.cameraId);
  const microphoneId = useRounds((s) => s.microphoneId);
  return (
    <section className="card device-settings" aria-labelledby="devices-heading">
      <h2 id="devices-heading">Camera and microphone</h2>
      <div className="device-fields">
        <div className="field">
          <label htmlFor="camera-select">Camera</label>
          <select
            id="camera-select"
            value={cameraId ?? ''}
            disabled={busy || cameras.length === 0}
            onChange={(event) => void run(() => conferenceClient.stage.selectCamera(event.target.value))}
          >
            {cameras.length === 0 && <option value="">No camera found yet</option>}
            {cameras.map((camera) => (
              <option key={camera.deviceId} value={camera.deviceId}>
                {camera.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="microphone-select">Microphone</label>
          <select
            id="microphone-select"
            value={microphoneId ?? ''}
            disabled={busy || microphones.length === 0}
            onChange={(event) => void run(() => conferenceClient.stage.selectMicrophone(event.target.value))}
          >
            {microphones.length === 0 && <option value="">No microphone found yet</option>}
            {microphones.map((microphone) => (
              <option key={microphone.deviceId} value={microphone.deviceId}>
                {microphone.label}
              </option>
            ))}
          </select>
        </div>
      </div>
      <MicMeter />
      <p className="muted device-hint">Speak normally: the bar should reach the middle. If it stays still, choose another microphone.</p>
    </section>
  );
}
