import { useEffect, useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { answer, trainingApi } from '../api/client';
import { draftErrors, draftOf, type Draft, type Training } from './draft';
import { ProblemAlert } from '../common/ProblemAlert';
import { canManageTrainings, canRestrict } from './rights';
import { EnrollmentRuleFields, RestrictionFields } from './TrainingFields';
import { useTrainingChanged } from './useTraining';

/** When registration and cancellations close (the seed's Availability tab), and the participant list's rules. */
export function AvailabilityTab({ training }: { training: Training }) {
  return (
    <Stack>
      <RestrictionsForm training={training} />
      <EnrollmentRulesForm training={training} />
    </Stack>
  );
}

/** Stop registration and stop cancellations, saved together (they need both enrollment permissions). */
function RestrictionsForm({ training }: { training: Training }) {
  const id = training.id ?? '';
  const allowed = canRestrict();
  const changed = useTrainingChanged(id);
  const [draft, setDraft] = useState<Draft>(() => draftOf(training, 'UTC'));
  // read again when the restrictions changed, not when another form of the training saved
  const saved = JSON.stringify([training.stopRegistrationBefore, training.stopCancellationBefore]);
  useEffect(() => setDraft(draftOf(training, 'UTC')), [saved]);
  const errors = draftErrors(draft);

  const save = useMutation({
    mutationFn: (sent: Draft) => answer(trainingApi.PUT('/trainings/{id}/registration-restrictions', {
      params: { path: { id } },
      body: {
        stopRegistrationBefore: sent.stopRegistrationBefore ?? undefined,
        stopCancellationBefore: sent.stopCancellationBefore ?? undefined,
      },
    })),
    onSuccess: () => changed(),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!errors.stopRegistrationBefore && !errors.stopCancellationBefore) save.mutate(draft);
  }

  return (
    <Paper withBorder p="md" component="form" onSubmit={submit} noValidate aria-labelledby="restrictions-heading">
      <Stack>
        <Title order={2} size="h4" id="restrictions-heading">Registration restrictions</Title>
        <Text size="sm" c="gray.7">
          {`Deadlines count back from each session's start, in ${training.timeZone}. `
            + 'Administrators can still enroll and move people after them.'}
        </Text>
        {!allowed && (
          <Text size="sm">
            Setting them needs both the “View users and enroll them in training” and the “Enroll users” permissions.
          </Text>
        )}
        <RestrictionFields draft={draft} errors={errors} readOnly={!allowed}
          onChange={(change) => { save.reset(); setDraft((before) => ({ ...before, ...change })); }} />
        <ProblemAlert error={save.error} title="The restrictions were not saved" />
        {save.isSuccess && <Alert color="green">Saved.</Alert>}
        {allowed && (
          <Group justify="flex-end">
            <Button type="submit" loading={save.isPending}>Save restrictions</Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

/** Whether participants may change their enrollment themselves, and whether their supervisors are told. */
function EnrollmentRulesForm({ training }: { training: Training }) {
  const id = training.id ?? '';
  const manage = canManageTrainings();
  const changed = useTrainingChanged(id);
  const [draft, setDraft] = useState<Draft>(() => draftOf(training, 'UTC'));
  const saved = JSON.stringify([training.participantListLocked, training.notifySupervisors]);
  useEffect(() => setDraft(draftOf(training, 'UTC')), [saved]);

  const save = useMutation({
    mutationFn: (sent: Draft) => answer(trainingApi.PATCH('/trainings/{id}', {
      params: { path: { id } },
      body: { participantListLocked: sent.participantListLocked, notifySupervisors: sent.notifySupervisors },
    })),
    onSuccess: () => changed(),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate(draft);
  }

  return (
    <Paper withBorder p="md" component="form" onSubmit={submit} aria-labelledby="rules-heading">
      <Stack>
        <Title order={2} size="h4" id="rules-heading">Changes by participants</Title>
        <EnrollmentRuleFields draft={draft} readOnly={!manage}
          onChange={(change) => { save.reset(); setDraft((before) => ({ ...before, ...change })); }} />
        <ProblemAlert error={save.error} title="Not saved" />
        {save.isSuccess && <Alert color="green">Saved.</Alert>}
        {manage && (
          <Group justify="flex-end">
            <Button type="submit" loading={save.isPending}>Save</Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
