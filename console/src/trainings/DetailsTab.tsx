import { useEffect, useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Group, Paper, Stack } from '@mantine/core';
import { answer, trainingApi } from '../api/client';
import { draftErrors, draftOf, type Draft, type DraftErrors, type Training } from './draft';
import { ProblemAlert, fieldError } from '../common/ProblemAlert';
import { canManageTrainings } from './rights';
import { DetailsFields } from './TrainingFields';
import { useTrainingChanged } from './useTraining';

/** The training's title, description, time zone, session selection and catalog entry, saved together. */
export function DetailsTab({ training }: { training: Training }) {
  const id = training.id ?? '';
  const manage = canManageTrainings();
  const changed = useTrainingChanged(id);
  const [draft, setDraft] = useState<Draft>(() => draftOf(training, 'UTC'));
  const [checked, setChecked] = useState(false);
  // read again when the details changed, not when another form of the training saved
  const saved = JSON.stringify([training.title, training.description, training.timeZone, training.sessionSelection,
    training.published]);
  useEffect(() => setDraft(draftOf(training, 'UTC')), [saved]);

  const save = useMutation({
    mutationFn: (sent: Draft) => answer(trainingApi.PATCH('/trainings/{id}', {
      params: { path: { id } },
      body: {
        title: sent.title.trim(), description: sent.description, timeZone: sent.timeZone,
        sessionSelection: sent.sessionSelection, published: sent.published,
      },
    })),
    onSuccess: () => changed(),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    setChecked(true);
    if (Object.keys(draftErrors(draft)).length === 0) save.mutate(draft);
  }

  const errors: DraftErrors = {
    title: fieldError(save.error, 'title'),
    timeZone: fieldError(save.error, 'timeZone'),
    ...(checked ? draftErrors(draft) : {}),
  };

  return (
    <Paper withBorder p="md" component="form" onSubmit={submit} noValidate aria-label="Details">
      <Stack>
        <DetailsFields draft={draft} errors={errors} readOnly={!manage}
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
