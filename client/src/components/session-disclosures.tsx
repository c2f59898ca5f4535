import type { ProgramSession } from '@rounds/shared';

/**
 * The speakers' and planners' financial-relationship disclosures for a session, shown before the
 * talk on the live page and on its replay alike. The program carries no disclosure data yet, so
 * this renders nothing rather than an invented statement; the CME issue fills it in (and adds the
 * acknowledgement gate in front of the player).
 */
export function SessionDisclosures(_props: { session: ProgramSession }) {
  return null;
}
