import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { Button, Group, Modal, NumberInput, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { answer, trainingApi } from '../api/client';
import { sessionBody, sessionDraftOf, sessionErrors, type Session, type SessionDraft, type SessionErrors,
  type Training } from './draft';
import { ProblemAlert, fieldError } from '../common/ProblemAlert';

/** Adds a session to a training or changes one: its dates in the training's time zone, place and seats. */
export function SessionDialog({ training, session, onClose }: {
  training: Training;
  session?: Session;
  onClose: (changed: boolean) => void;
}) {
  const id = training.id ?? '';
  const zone = training.timeZone ?? 'UTC';
  const [draft, setDraft] = useState<SessionDraft>(() => sessionDraftOf(session));
  const [checked, setChecked] = useState(false);

  const save = useMutation({
    mutationFn: (sent: SessionDraft) => answer(session?.id
      ? trainingApi.PATCH('/trainings/{id}/sessions/{sessionId}', {
        params: { path: { id, sessionId: session.id } }, body: sessionBody(sent, zone),
      })
      : trainingApi.POST('/trainings/{id}/sessions', { params: { path: { id } }, body: sessionBody(sent, zone) })),
    onSuccess: () => onClose(true),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    setChecked(true);
    if (Object.keys(sessionErrors(draft, zone)).length === 0) save.mutate(draft);
  }

  const local: SessionErrors = checked ? sessionErrors(draft, zone) : {};
  const error = (field: keyof SessionDraft) => local[field] ?? fieldError(save.error, field);
  const change = (change: Partial<SessionDraft>) => setDraft((before) => ({ ...before, ...change }));

  return (
    <Modal opened onClose={() => onClose(false)} title={session ? 'Change session' : 'New session'} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput type="datetime-local" label="Starts" description={`In ${zone}`}
              required value={draft.startsAt} error={error('startsAt')}
              onChange={(event) => change({ startsAt: event.currentTarget.value })} />
            <TextInput type="datetime-local" label="Ends" description={`In ${zone}`}
              required value={draft.endsAt} error={error('endsAt')}
              onChange={(event) => change({ endsAt: event.currentTarget.value })} />
          </SimpleGrid>
          <TextInput label="Location" maxLength={500} value={draft.location} error={error('location')}
            placeholder="A room, an address or Online" onChange={(event) => change({ location: event.currentTarget.value })} />
          <NumberInput label="Capacity" description="Seats; people beyond them wait on the waitlist"
            required min={1} max={100_000} allowDecimal={false} allowNegative={false} w={220} value={draft.capacity}
            error={error('capacity')}
            onChange={(value) => change({ capacity: typeof value === 'number' ? value : '' })} />
          <ProblemAlert error={save.error} title={session ? 'The session was not changed' : 'The session was not added'} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => onClose(false)}>Cancel</Button>
            <Button type="submit" loading={save.isPending}>{session ? 'Save session' : 'Add session'}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
