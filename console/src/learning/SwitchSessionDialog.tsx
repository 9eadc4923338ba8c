import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Group, Modal, Radio, Stack, Text } from '@mantine/core';
import { trainingApi, answer, errorWords } from '../api/client';
import { LEARNING } from './queries';

import { type MyTraining, sessionWhen, switchChoices } from './words';

/** "Select another training time": the other sessions open to the learner, with their seats; Select moves them there. */
export function SwitchSessionDialog({ item, onClose }: { item: MyTraining; onClose: (moved: MyTraining | null) => void }) {
  const queries = useQueryClient();
  const choices = switchChoices(item);
  const [chosen, setChosen] = useState(() => choices.find((choice) => !choice.disabled)?.session.id ?? '');
  const move = useMutation({
    mutationFn: (sessionId: string) => answer(trainingApi.PUT('/me/trainings/{trainingId}/enrollment', {
      params: { path: { trainingId: item.trainingId ?? '' } },
      body: { sessionId },
    })),
    onSuccess: (moved) => {
      void queries.invalidateQueries({ queryKey: LEARNING });
      onClose(moved);
    },
  });
  const title = item.sessionId ? 'Select another training time' : 'Select a training time';

  return (
    <Modal opened onClose={() => onClose(null)} title={title} size="lg">
      <Stack>
        <Text size="sm">
          <Text span fw={600}>{item.title}</Text>
          {item.session ? `. Now: ${sessionWhen(item.session, item.timeZone)}${item.session.location ? `, ${item.session.location}` : ''}.`
            : '. You have no session yet.'}
        </Text>
        {choices.length === 0 ? (
          <Text size="sm">No other session is open for you just now.</Text>
        ) : (
          <Radio.Group label="Other sessions" value={chosen} onChange={setChosen}>
            <Stack gap="xs" mt="xs">
              {choices.map(({ session, disabled, note }) => (
                <Radio key={session.id} value={session.id ?? ''} disabled={disabled} label={sessionWhen(session, item.timeZone)}
                  description={[session.location, note].filter(Boolean).join(' · ')} />
              ))}
            </Stack>
          </Radio.Group>
        )}
        {move.error && <Alert color="red" role="alert" title="Your session was not changed">{errorWords(move.error)}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={() => onClose(null)}>Cancel</Button>
          <Button disabled={!chosen} loading={move.isPending} onClick={() => move.mutate(chosen)}>Select</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
