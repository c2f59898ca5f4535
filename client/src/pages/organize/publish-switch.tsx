import type { RecordingSummary } from '@rounds/shared';

/**
 * Published on the on-demand library, or not: a switch (role="switch", Space or Enter toggles it).
 * Only a ready recording can be published; a published one can always be taken down.
 */
export function PublishSwitch({ recording, busy, onChange }: { recording: RecordingSummary; busy: boolean; onChange(publish: boolean): void }) {
  const published = recording.publishedAt !== null;
  const canPublish = recording.status === 'ready';
  const hintId = `publish-hint-${recording.id}`;
  return (
    <div className="publish-switch">
      <button
        type="button"
        role="switch"
        aria-checked={published}
        aria-label={`Published: ${recording.sessionTitle}`}
        aria-describedby={!published && !canPublish ? hintId : undefined}
        className="switch"
        // Not `disabled` while busy: a disabled button drops keyboard focus, and the person would lose their place.
        disabled={!published && !canPublish}
        aria-busy={busy || undefined}
        onClick={() => {
          if (!busy) onChange(!published);
        }}
      >
        <span className="switch-track" aria-hidden="true">
          <span className="switch-thumb" />
        </span>
        <span className="switch-label">Published</span>
      </button>
      {!published && !canPublish && (
        <span id={hintId} className="switch-hint muted">
          Can be published once ready
        </span>
      )}
    </div>
  );
}
