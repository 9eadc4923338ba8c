import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { answer, trainingApi } from '../api/client';
import type { Training } from './draft';
import { ProblemAlert } from '../common/ProblemAlert';
import type { Participant } from './participants';
import { byStart, sessionLabel } from './sessions';
import { participantStatusWords } from './words';

/**
 * Moves a participant to another session. Someone with a seat needs a free seat there; someone waiting (or without a
 * session) joins its waitlist when it is full. The seat left behind goes to the first person waiting for it.
 */
export function MoveDialog({ training, participant, name, onClose }: {
  training: Training;
  participant: Participant;
  name: string;
  onClose: (changed: boolean) => void;
}) {
  const targets = byStart(training.sessions ?? []).filter((session) => session.id !== participant.sessionId);
  const [target, setTarget] = useState<string | null>(targets[0]?.id ?? null);
  const move = useMutation({
    mutationFn: (sessionId: string) => answer(trainingApi.PUT('/trainings/{trainingId}/participants/{userId}/session', {
      params: { path: { trainingId: training.id ?? '', userId: participant.userId ?? '' } },
      body: { sessionId },
    })),
  });
  const chosen = targets.find((session) => session.id === target);

  if (move.isSuccess) {
    return (
      <Modal opened onClose={() => onClose(true)} title={`Move ${name}`}>
        <Stack>
          <Alert color="green" role="status">
            {`${name} moved to ${chosen ? sessionLabel(chosen) : 'the session'}: `
              + participantStatusWords(move.data.status, move.data.waitlistPosition).toLowerCase()}
          </Alert>
          <Group justify="flex-end">
            <Button onClick={() => onClose(true)}>Done</Button>
          </Group>
        </Stack>
      </Modal>
    );
  }

  return (
    <Modal opened onClose={() => onClose(false)} title={`Move ${name}`}>
      <Stack>
        {targets.length === 0 ? <Text>This training has no other session.</Text> : (
          <Select label="To session" allowDeselect={false} value={target} onChange={setTarget}
            data={targets.map((session) => ({
              value: session.id ?? '',
              label: `${sessionLabel(session)} (${session.seatsLeft ?? 0} free)`,
            }))} />
        )}
        <ProblemAlert error={move.error} title="Not moved" />
        <Group justify="flex-end">
          <Button variant="default" onClick={() => onClose(false)}>Cancel</Button>
          <Button disabled={!target} loading={move.isPending} onClick={() => target && move.mutate(target)}>Move</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
