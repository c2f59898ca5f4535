import { useState } from 'react';
import { problemText } from '../stage/local-media';

/** Runs a stage action with a busy flag and a readable error (studio and guest controls). */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function run(action: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (caught) {
      setError(problemText(caught));
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, run };
}
