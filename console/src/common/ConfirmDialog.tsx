import type { ReactNode } from 'react';
import { useMutation } from '@tanstack/react-query';
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { ProblemAlert } from './ProblemAlert';

/** Asks before something that cannot be undone (a deletion, a removal, a revocation) and says why the service refused it. */
export function ConfirmDialog({ title, children, confirmLabel, refused = 'Nothing was changed', onConfirm, onClose }: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  /** The alert's title when the service says no. */
  refused?: string;
  onConfirm: () => Promise<unknown>;
  onClose: (done: boolean) => void;
}) {
  const run = useMutation({ mutationFn: onConfirm, onSuccess: () => onClose(true) });
  return (
    <Modal opened onClose={() => onClose(false)} title={title}>
      <Stack>
        {typeof children === 'string' ? <Text>{children}</Text> : children}
        <ProblemAlert error={run.error} title={refused} />
        <Group justify="flex-end">
          <Button variant="default" onClick={() => onClose(false)}>Cancel</Button>
          <Button color="red" loading={run.isPending} onClick={() => run.mutate()}>{confirmLabel}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
