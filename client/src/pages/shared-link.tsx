import { useEffect, useState } from 'react';
import { ApiError, adviceFor } from '../api/http';
import { FieldError } from '../components/field';
import { hrefFor } from '../routes';
import { useRounds } from '../store';

export type LinkTarget<T> = { state: 'loading' } | { state: 'nowhere' } | { state: 'failed'; message: string } | { state: 'ready'; target: T };

/**
 * Opens what a shared link points at (a conference, an invitation), again when `key` changes:
 * loading, ready, `nowhere` when the server's refusal means the link leads nowhere, else failed.
 */
export function useLinkTarget<T>(key: string, load: (key: string) => Promise<T>, leadsNowhere: (error: ApiError) => boolean): LinkTarget<T> {
  const [loaded, setLoaded] = useState<LinkTarget<T>>({ state: 'loading' });
  useEffect(() => {
    let current = true;
    load(key).then(
      (target) => current && setLoaded({ state: 'ready', target }),
      (caught: unknown) => {
        if (!current) return;
        setLoaded(caught instanceof ApiError && leadsNowhere(caught) ? { state: 'nowhere' } : { state: 'failed', message: adviceFor(caught) });
      },
    );
    return () => {
      current = false;
    };
    // Loads again for a new link only; `load` and `leadsNowhere` are fixed per page.
  }, [key]);
  return loaded;
}

/** Register or sign in, then come back to this link (`returnTo`). */
export function RegisterOrSignIn({ returnTo, registerLabel }: { returnTo: string; registerLabel: string }) {
  const comeBack = () => useRounds.getState().setReturnTo(returnTo);
  return (
    <div className="actions">
      <a className="button primary" href={hrefFor.register()} onClick={comeBack}>
        {registerLabel}
      </a>
      <a className="button" href={hrefFor.home()} onClick={comeBack}>
        Sign in
      </a>
    </div>
  );
}

/**
 * The one step a signed-in visitor takes on a shared link (join, accept); `run` leaves the page
 * when it succeeds. While it runs the button is busy; when it fails, `explain` says why.
 */
export function LinkStepButton({ label, busyLabel, run, explain = (caught) => adviceFor(caught) }: { label: string; busyLabel: string; run(): Promise<void>; explain?(caught: unknown): string }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function start() {
    setBusy(true);
    setError(null);
    try {
      await run();
    } catch (caught) {
      setError(explain(caught));
      setBusy(false);
    }
  }

  return (
    <>
      <FieldError message={error} />
      <div className="actions">
        <button type="button" className="primary" disabled={busy} onClick={() => void start()}>
          {busy ? busyLabel : label}
        </button>
      </div>
    </>
  );
}
