import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { Button, Group, Modal, Select, Stack } from '@mantine/core';
import { answer, trainingApi } from '../api/client';
import { plural } from '../users/words';
import type { Training } from './draft';
import { ProblemAlert } from '../common/ProblemAlert';
import { PerUserOutcome } from './PerUserOutcome';
import { byStart, sessionLabel } from './sessions';
import { UserMultiPicker } from '../common/UserMultiPicker';
import { userOutcomes } from './words';

const NO_SESSION = 'none';

/** Enrolls picked users into a session (or none yet); a full session puts them on its waitlist. Then, per user, what happened. */
export function AddParticipantsDialog({ training, sessionId, onClose }: {
  training: Training;
  sessionId: string | null;
  onClose: (changed: boolean) => void;
}) {
  const sessions = byStart(training.sessions ?? []);
  const [session, setSession] = useState<string>(sessionId ?? sessions[0]?.id ?? NO_SESSION);
  const [picked, setPicked] = useState<Map<string, string>>(new Map());
  const asked = [...picked.keys()];
  const enroll = useMutation({
    mutationFn: () => answer(trainingApi.POST('/trainings/{trainingId}/participants', {
      params: { path: { trainingId: training.id ?? '' } },
      body: { userIds: asked, sessionId: session === NO_SESSION ? undefined : session },
    })),
  });

  if (enroll.isSuccess) {
    const appliedWords = session === NO_SESSION ? 'Enrolled, no session yet' : 'Enrolled';
    return (
      <Modal opened onClose={() => onClose(true)} title="Participants added" size="lg">
        <Stack>
          <PerUserOutcome outcomes={userOutcomes(asked, enroll.data, appliedWords)} names={picked} />
          <Group justify="flex-end">
            <Button onClick={() => onClose(true)}>Done</Button>
          </Group>
        </Stack>
      </Modal>
    );
  }

  return (
    <Modal opened onClose={() => onClose(false)} title="Add participants" size="lg">
      <Stack>
        <Select label="Session" allowDeselect={false} value={session} onChange={(value) => value && setSession(value)}
          data={[
            ...sessions.map((candidate) => ({ value: candidate.id ?? '', label: sessionLabel(candidate) })),
            { value: NO_SESSION, label: 'No session yet' },
          ]} />
        <UserMultiPicker label="Users" description="Only active users can take part" statuses={['ACTIVE']}
          value={[...picked.keys()]} known={picked} onChange={(_ids, names) => setPicked(names)} />
        <ProblemAlert error={enroll.error} title="Nobody was added" />
        <Group justify="flex-end">
          <Button variant="default" onClick={() => onClose(false)}>Cancel</Button>
          <Button disabled={picked.size === 0} loading={enroll.isPending} onClick={() => enroll.mutate()}>
            {picked.size === 0 ? 'Add participants' : `Add ${plural(picked.size, 'participant')}`}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
