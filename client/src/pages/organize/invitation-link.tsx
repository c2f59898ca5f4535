import { useState } from 'react';
import type { Invitation } from '@rounds/shared';
import { formatExpiry, roleLabels } from './people-format';

/** The link just created, ready to copy; the server keeps only its hash, so it is shown once. */
export function InvitationLink({ invitation, link, boothName }: { invitation: Invitation; link: string; boothName?: string }) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);

  async function copy() {
    try {
      await navigator.clipboard.writeText(link);
      setCopied('yes');
    } catch {
      // Clipboard access can be refused (insecure origin, permissions): the text stays selectable.
      setCopied('failed');
      (document.getElementById('invite-link') as HTMLInputElement | null)?.select();
    }
  }

  return (
    <div className="invitation-created" aria-labelledby="invite-link-title">
      <h3 id="invite-link-title">
        Invitation link for {roleLabels[invitation.role].toLowerCase()}
        {boothName ? ` at ${boothName}` : ''}
        {invitation.email ? ` (${invitation.email})` : ''}
      </h3>
      <label htmlFor="invite-link" className="visually-hidden">
        Invitation link
      </label>
      <div className="copy-row">
        <input id="invite-link" readOnly value={link} onFocus={(e) => e.target.select()} />
        <button type="button" className="primary" onClick={() => void copy()}>
          {copied === 'yes' ? 'Copied' : 'Copy link'}
        </button>
      </div>
      <p className="muted" role="status">
        {copied === 'yes' ? 'Copied to the clipboard. ' : copied === 'failed' ? 'Copying was blocked; the link is selected, press Ctrl+C or ⌘C. ' : ''}
        Works once, until {formatExpiry(invitation.expiresAt)}. This is the only time the link is shown.
      </p>
    </div>
  );
}
