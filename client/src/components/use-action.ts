import { useState } from 'react';
import { problemText } from '../stage/local-media';

/**
 * Runs an action with a busy flag and a readable error (studio, guest and Q&A controls).
 * `describe` turns a failure into the sentence shown.
 */
export function useAction(describe: (error: unknown) => string = problemText) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function run(action: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (caught) {
      setError(describe(caught));
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, setError, run };
}
