import { useMemo } from 'react';
import { Radio, Select, Stack, Switch, Textarea, TextInput } from '@mantine/core';

import type { Draft, DraftErrors } from './draft';
import { RestrictionInput } from './RestrictionInput';
import { cancellationWords, registrationWords, SESSION_SELECTION_WORDS, type SessionSelection } from './words';
import { timeZones } from './zone';

type Change = (change: Partial<Draft>) => void;

/** A training's description: title, text, the time zone of its sessions, who picks sessions, the catalog. */
export function DetailsFields({ draft, onChange, errors, readOnly }: {
  draft: Draft; onChange: Change; errors: DraftErrors; readOnly?: boolean;
}) {
  const zones = useMemo(() => timeZones(draft.timeZone), [draft.timeZone]);
  return (
    <Stack>
      <TextInput label="Title" required maxLength={200} value={draft.title} error={errors.title} readOnly={readOnly}
        onChange={(event) => onChange({ title: event.currentTarget.value })} />
      <Textarea label="Description" autosize minRows={2} maxRows={8} maxLength={10_000} value={draft.description}
        readOnly={readOnly} onChange={(event) => onChange({ description: event.currentTarget.value })} />
      <Select label="Time zone" description="Session dates and deadlines are in this time zone"
        searchable
        data={zones} value={draft.timeZone} allowDeselect={false} error={errors.timeZone} readOnly={readOnly}
        onChange={(zone) => zone && onChange({ timeZone: zone })} />
      <Radio.Group label="Session selection" value={draft.sessionSelection}
        onChange={(value) => onChange({ sessionSelection: value as SessionSelection })}>
        <Stack gap="xs" mt="xs">
          {(Object.keys(SESSION_SELECTION_WORDS) as SessionSelection[]).map((value) => (
            <Radio key={value} value={value} label={SESSION_SELECTION_WORDS[value]} disabled={readOnly} />
          ))}
        </Stack>
      </Radio.Group>
      <Switch label="Show in the catalog"
        description="Learners find it in the catalog and enroll themselves"
        checked={draft.published} disabled={readOnly}
        onChange={(event) => onChange({ published: event.currentTarget.checked })} />
    </Stack>
  );
}

/** Registration restrictions: stop registration and stop cancellations, each an offset before a session starts. */
export function RestrictionFields({ draft, onChange, errors, readOnly }: {
  draft: Draft; onChange: Change; errors: DraftErrors; readOnly?: boolean;
}) {
  return (
    <Stack>
      <RestrictionInput legend="Stop registration" switchLabel="Close registration before each session"
        value={draft.stopRegistrationBefore} words={registrationWords} error={errors.stopRegistrationBefore}
        readOnly={readOnly} onChange={(value) => onChange({ stopRegistrationBefore: value })} />
      <RestrictionInput legend="Stop cancellations" switchLabel="Close cancellations before each session"
        value={draft.stopCancellationBefore} words={cancellationWords} error={errors.stopCancellationBefore}
        readOnly={readOnly} onChange={(value) => onChange({ stopCancellationBefore: value })} />
    </Stack>
  );
}

/** Who may change an enrollment and who is told: the participant list's lock and the supervisors' notices. */
export function EnrollmentRuleFields({ draft, onChange, readOnly }: { draft: Draft; onChange: Change; readOnly?: boolean }) {
  return (
    <Stack>
      <Switch label="Lock the participant list" checked={draft.participantListLocked} disabled={readOnly}
        description="Participants cannot change or cancel their enrollment themselves"
        onChange={(event) => onChange({ participantListLocked: event.currentTarget.checked })} />
      <Switch label="Notify supervisors" checked={draft.notifySupervisors} disabled={readOnly}
        description="A learner's supervisors are told when the learner changes their enrollment"
        onChange={(event) => onChange({ notifySupervisors: event.currentTarget.checked })} />
    </Stack>
  );
}
