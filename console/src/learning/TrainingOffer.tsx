import { useId, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Group, Paper, Radio, Stack, Text, Title } from '@mantine/core';
import { trainingApi, answer, errorWords } from '../api/client';
import type { components } from '../api/training-service';
import { LEARNING } from './queries';

import { type MyTraining, seatsWords, sessionWhen } from './words';

type CatalogItem = components['schemas']['CatalogItem'];

/** A training of the catalog: its sessions (date, place, seats), one picked, and Enroll (or the waitlist when it is full). */
export function TrainingOffer({ item, onEnrolled }: { item: CatalogItem; onEnrolled: (enrollment: MyTraining) => void }) {
  const heading = useId();
  const queries = useQueryClient();
  const sessions = item.sessions ?? [];
  // the first session with a free seat, else the first
  const [chosen, setChosen] = useState(() =>
    (sessions.find((session) => (session.seatsLeft ?? 0) > 0) ?? sessions[0])?.id ?? '');
  const session = sessions.find((candidate) => candidate.id === chosen);
  const enroll = useMutation({
    mutationFn: (sessionId: string) => answer(trainingApi.POST('/me/trainings/{trainingId}/enrollment', {
      params: { path: { trainingId: item.trainingId ?? '' } },
      body: { sessionId },
    })),
    onSuccess: (enrollment) => {
      onEnrolled(enrollment);
      void queries.invalidateQueries({ queryKey: LEARNING });
    },
  });
  const full = session !== undefined && (session.seatsLeft ?? 0) <= 0;

  return (
    <Paper withBorder p="md" component="article" aria-labelledby={heading}>
      <Stack gap="sm">
        <div>
          <Title order={2} size="h3" id={heading}>{item.title}</Title>
          {item.description && <Text size="sm" mt={4}>{item.description}</Text>}
        </div>
        <Radio.Group label={sessions.length > 1 ? 'Choose a session' : 'Session'} value={chosen} onChange={setChosen}>
          <Stack gap="xs" mt="xs">
            {sessions.map((candidate) => (
              <Radio key={candidate.id} value={candidate.id ?? ''} label={sessionWhen(candidate, item.timeZone)}
                description={[candidate.location, seatsWords(candidate)].filter(Boolean).join(' · ')}
                />
            ))}
          </Stack>
        </Radio.Group>
        {enroll.error && <Alert color="red" role="alert" title="You were not enrolled">{errorWords(enroll.error)}</Alert>}
        <Group justify="flex-end">
          <Button disabled={!session} loading={enroll.isPending} onClick={() => enroll.mutate(chosen)}>
            {full ? 'Join the waitlist' : 'Enroll'}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
