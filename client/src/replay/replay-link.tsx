import { recordingsApi } from '../api/recordings';
import { useRemote } from '../pages/organize/use-remote';
import { hrefFor } from '../routes';

/**
 * "Watch the recording" on the page of a session that has ended, when its replay is published.
 * Shows nothing while loading or when the library cannot be reached: the page works without it,
 * and the library in the navigation says why it cannot load.
 */
export function ReplayLink({ conferenceId, sessionId }: { conferenceId: string; sessionId: string }) {
  const replays = useRemote(() => recordingsApi.replays(conferenceId, {}), conferenceId);
  const replay = replays.data?.find((item) => item.sessionId === sessionId);
  if (!replay) return null;
  return (
    <a className="button primary" href={hrefFor.replay(conferenceId, replay.recordingId)}>
      Watch the recording
    </a>
  );
}
