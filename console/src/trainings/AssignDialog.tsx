import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { answer, trainingApi } from '../api/client';
import { plural } from '../users/words';
import { ProblemAlert } from '../common/ProblemAlert';
import { KIND_WORDS, type Kind } from './learning';
import { PerUserOutcome } from './PerUserOutcome';
import { UserMultiPicker } from '../common/UserMultiPicker';
import { userOutcomes } from './words';

/** Assigns a course or program to picked users; then, per user, assigned or skipped and why. */
export function AssignDialog({ kind, id, title, onClose }: {
  kind: Kind;
  id: string;
  title: string;
  onClose: (changed: boolean) => void;
}) {
  const [picked, setPicked] = useState<Map<string, string>>(new Map());
  const asked = [...picked.keys()];
  const assign = useMutation({
    mutationFn: () => answer(trainingApi.POST('/{kind}/{id}/assignments', {
      params: { path: { kind, id } }, body: { userIds: asked },
    })),
  });
  const heading = `Assign "${title}"`;

  if (assign.isSuccess) {
    return (
      <Modal opened onClose={() => onClose(true)} title={heading} size="lg">
        <Stack>
          <PerUserOutcome outcomes={userOutcomes(asked, assign.data, 'Assigned')} names={picked} />
          <Group justify="flex-end">
            <Button onClick={() => onClose(true)}>Done</Button>
          </Group>
        </Stack>
      </Modal>
    );
  }

  return (
    <Modal opened onClose={() => onClose(false)} title={heading} size="lg">
      <Stack>
        {kind === 'programs' && <Text size="sm">Assigning a program assigns its courses too.</Text>}
        <UserMultiPicker label="Users" description="Only active users can take part" statuses={['ACTIVE']}
          value={[...picked.keys()]} known={picked} onChange={(_ids, names) => setPicked(names)} />
        <ProblemAlert error={assign.error} title={`The ${KIND_WORDS[kind].one} was not assigned`} />
        <Group justify="flex-end">
          <Button variant="default" onClick={() => onClose(false)}>Cancel</Button>
          <Button disabled={picked.size === 0} loading={assign.isPending} onClick={() => assign.mutate()}>
            {picked.size === 0 ? 'Assign' : `Assign to ${plural(picked.size, 'user')}`}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
