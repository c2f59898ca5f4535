import { useState } from 'react';
import type { ConferenceBody } from '@rounds/shared';
import { DateTimeField } from '../../components/forms/date-time-field';
import { SelectField } from '../../components/forms/select-field';
import { TextField } from '../../components/forms/text-field';
import { commonTimeZones, isCommonTimeZone, timeZoneLabel } from './time-zones';

const otherZone = '__other';

/** Field name → [element id, label], for the error summary's links. */
export function conferenceTargets(idPrefix: string): Record<string, readonly [string, string]> {
  return {
    name: [`${idPrefix}-name`, 'Conference name'],
    slug: [`${idPrefix}-slug`, 'Web address'],
    startsOn: [`${idPrefix}-startsOn`, 'First day'],
    endsOn: [`${idPrefix}-endsOn`, 'Last day'],
    timeZone: [`${idPrefix}-timeZone`, 'Time zone'],
    accreditingProvider: [`${idPrefix}-accreditingProvider`, 'Accrediting provider'],
    description: [`${idPrefix}-description`, 'Description'],
  };
}

/** `Annual Meeting 2026` → `annual-meeting-2026`. */
export function slugFrom(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
}

export function emptyConference(timeZone: string): ConferenceBody {
  return { name: '', slug: '', timeZone, startsOn: '', endsOn: '', accreditingProvider: '', description: '' };
}

/** The fields of a conference, shared by the create form and the Conference tab. */
export function ConferenceFields({
  idPrefix,
  draft,
  onChange,
  fields,
}: {
  idPrefix: string;
  draft: ConferenceBody;
  onChange(patch: Partial<ConferenceBody>): void;
  fields: Record<string, string>;
}) {
  const [typingZone, setTypingZone] = useState(() => draft.timeZone !== '' && !isCommonTimeZone(draft.timeZone));
  const id = (name: string) => `${idPrefix}-${name}`;
  const groups = commonTimeZones.map((group) => ({
    label: group.region,
    options: group.zones.map((zone) => ({ value: zone, label: timeZoneLabel(zone) })),
  }));
  return (
    <div className="conference-fields">
      <TextField id={id('name')} label="Conference name" value={draft.name} onChange={(name) => onChange({ name })} error={fields.name} maxLength={200} />
      <TextField
        id={id('slug')}
        label="Web address"
        hint={
          <>
            Lowercase letters, digits and dashes. Attendees open <span className="nowrap">…/#/c/{draft.slug || 'your-address'}</span>
          </>
        }
        value={draft.slug}
        onChange={(slug) => onChange({ slug: slug.toLowerCase() })}
        error={fields.slug}
        maxLength={60}
      />
      <div className="field-row">
        <DateTimeField id={id('startsOn')} label="First day" dateOnly value={draft.startsOn} onChange={(startsOn) => onChange({ startsOn })} error={fields.startsOn} />
        <DateTimeField
          id={id('endsOn')}
          label="Last day"
          dateOnly
          min={draft.startsOn || undefined}
          value={draft.endsOn}
          onChange={(endsOn) => onChange({ endsOn })}
          error={fields.endsOn}
        />
      </div>
      <SelectField
        id={id('timeZone')}
        label="Time zone"
        hint="Session times are entered and shown in this zone; attendees also see their own."
        value={typingZone ? otherZone : draft.timeZone}
        onChange={(value) => {
          if (value === otherZone) setTypingZone(true);
          else {
            setTypingZone(false);
            onChange({ timeZone: value });
          }
        }}
        options={[]}
        groups={[...groups, { label: 'Elsewhere', options: [{ value: otherZone, label: 'Another time zone (type its name)…' }] }]}
        error={typingZone ? undefined : fields.timeZone}
      />
      {typingZone && (
        <TextField
          id={id('timeZoneName')}
          label="Time zone name"
          hint="An IANA name, such as Europe/Vienna or America/Halifax."
          value={draft.timeZone}
          onChange={(timeZone) => onChange({ timeZone: timeZone.trim() })}
          error={fields.timeZone}
          autoComplete="off"
        />
      )}
      <TextField
        id={id('accreditingProvider')}
        label="Accrediting provider"
        optional
        hint="The organization that accredits the CME credits, as printed on certificates."
        value={draft.accreditingProvider}
        onChange={(accreditingProvider) => onChange({ accreditingProvider })}
        error={fields.accreditingProvider}
        maxLength={200}
      />
      <TextField
        id={id('description')}
        label="Description"
        optional
        multiline
        rows={5}
        value={draft.description}
        onChange={(description) => onChange({ description })}
        error={fields.description}
        maxLength={4000}
      />
    </div>
  );
}
