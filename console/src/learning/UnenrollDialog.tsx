import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { ApiError, trainingApi, answer, errorWords } from '../api/client';
import { LEARNING } from './queries';

import { type MyTraining, sessionWhen, WARNING_WORDS } from './words';

/** Whether the service asks the learner to confirm first, because there is no way back in (409 re-enrollment-impossible). */
export function asksConfirmation(error: unknown): boolean {
  return error instanceof ApiError && (error.problem.type ?? '').endsWith('/re-enrollment-impossible');
}

/**
 * Unenroll, confirmed: what the learner gives up, and, when registration has closed, the warning that they cannot enroll
 * again (from the enrollment's warnings, or from the service's answer when it knew better), confirmed once more.
 */
export function UnenrollDialog({ item, onClose }: { item: MyTraining; onClose: (left: boolean) => void }) {
  const queries = useQueryClient();
  const [warned, setWarned] = useState((item.warnings ?? []).includes('RE_ENROLLMENT_IMPOSSIBLE'));
  const leave = useMutation({
    mutationFn: () => answer(trainingApi.DELETE('/me/trainings/{trainingId}/enrollment', {
      params: { path: { trainingId: item.trainingId ?? '' }, query: { confirm: warned } },
    })),
    onSuccess: () => {
      void queries.invalidateQueries({ queryKey: LEARNING });
      onClose(true);
    },
    onError: (error) => {
      if (asksConfirmation(error)) setWarned(true);
    },
  });
  const session = item.session;

  return (
    <Modal opened onClose={() => onClose(false)} title={`Unenroll from ${item.title}?`} size="lg">
      <Stack>
        <Text size="sm">
          {item.status === 'WAITLISTED'
            ? 'You leave the waitlist of this training.'
            : session
              ? `You give up your seat: ${sessionWhen(session, item.timeZone)}${session.location ? `, ${session.location}` : ''}.`
              : 'You leave this training.'}
        </Text>
        {item.notifySupervisors && <Text size="sm">Your supervisor is told that you unenrolled.</Text>}
        {warned && (
          <Alert color="orange" title="You cannot enroll again">{WARNING_WORDS.RE_ENROLLMENT_IMPOSSIBLE}</Alert>
        )}
        {leave.error && !asksConfirmation(leave.error) && (
          <Alert color="red" role="alert" title="You are still enrolled">{errorWords(leave.error)}</Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={() => onClose(false)}>Keep my place</Button>
          <Button color="red" loading={leave.isPending} onClick={() => leave.mutate()}>
            {warned ? 'Unenroll anyway' : 'Unenroll'}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
