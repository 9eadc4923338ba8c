import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useMutation } from '@tanstack/react-query';
import { Button, Divider, Group, Modal, Stack, Title } from '@mantine/core';
import { answer, trainingApi } from '../api/client';
import { draftErrors, draftOf, type Draft, type DraftErrors } from './draft';
import { ProblemAlert, fieldError } from '../common/ProblemAlert';
import { canRestrict } from './rights';
import { DetailsFields, EnrollmentRuleFields, RestrictionFields } from './TrainingFields';
import { browserZone } from './zone';

/** A new training with every setting the service takes; it opens on its sessions once created. */
export function NewTrainingDialog({ onClose }: { onClose: () => void }) {
  const navigate = useNavigate();
  const [draft, setDraft] = useState<Draft>(() => draftOf(undefined, browserZone()));
  const [checked, setChecked] = useState(false);
  const restrict = canRestrict();
  const errors: DraftErrors = checked ? draftErrors(draft) : {};

  const create = useMutation({
    mutationFn: (sent: Draft) => answer(trainingApi.POST('/trainings', {
      body: {
        title: sent.title.trim(), description: sent.description, timeZone: sent.timeZone,
        sessionSelection: sent.sessionSelection, published: sent.published,
        participantListLocked: sent.participantListLocked, notifySupervisors: sent.notifySupervisors,
        ...(restrict ? {
          stopRegistrationBefore: sent.stopRegistrationBefore ?? undefined,
          stopCancellationBefore: sent.stopCancellationBefore ?? undefined,
        } : {}),
      },
    })),
    onSuccess: (training) => navigate(`/trainings/${training.id}?tab=sessions`),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    setChecked(true);
    if (Object.keys(draftErrors(draft)).length === 0) create.mutate(draft);
  }

  const serverErrors: DraftErrors = {
    title: fieldError(create.error, 'title'),
    timeZone: fieldError(create.error, 'timeZone'),
  };
  const change = (change: Partial<Draft>) => setDraft((before) => ({ ...before, ...change }));

  return (
    <Modal opened onClose={onClose} title="New training" size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <DetailsFields draft={draft} onChange={change} errors={{ ...serverErrors, ...errors }} />
          {restrict && (
            <>
              <Divider />
              <Title order={3} size="h5">Registration restrictions</Title>
              <RestrictionFields draft={draft} onChange={change} errors={errors} />
            </>
          )}
          <Divider />
          <EnrollmentRuleFields draft={draft} onChange={change} />
          <ProblemAlert error={create.error} title="The training was not created" />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>Cancel</Button>
            <Button type="submit" loading={create.isPending}>Create training</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
