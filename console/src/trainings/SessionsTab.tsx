import { useState } from 'react';
import { Button, Group, Stack, Table, Text } from '@mantine/core';
import { answer, trainingApi } from '../api/client';
import { ConfirmDialog } from '../common/ConfirmDialog';
import type { Session, Training } from './draft';
import { canManageTrainings } from './rights';
import { SessionDialog } from './SessionDialog';
import { useTrainingChanged } from './useTraining';
import { byStart, sessionLabel } from './sessions';
import { formatInstant, formatSpan } from './zone';
import { ScrollTable } from '../common/ScrollTable';

/** The training's sessions with their seats and registration; added, changed and deleted here. */
export function SessionsTab({ training }: { training: Training }) {
  const id = training.id ?? '';
  const zone = training.timeZone ?? 'UTC';
  const manage = canManageTrainings();
  const changed = useTrainingChanged(id);
  const [editing, setEditing] = useState<Session | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Session | null>(null);
  const sessions = byStart(training.sessions ?? []);

  return (
    <Stack>
      <Group justify="space-between">
        <Text size="sm" c="gray.7">{`Dates and times in ${zone}.`}</Text>
        {manage && <Button onClick={() => setEditing('new')}>Add session</Button>}
      </Group>
      <ScrollTable label="Sessions table" minWidth={860}>
        <Table striped aria-label="Sessions">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>When</Table.Th>
              <Table.Th>Location</Table.Th>
              <Table.Th>Capacity</Table.Th>
              <Table.Th>Taken</Table.Th>
              <Table.Th>Free</Table.Th>
              <Table.Th>Waitlist</Table.Th>
              <Table.Th>Registration</Table.Th>
              {manage && <Table.Th>Actions</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sessions.map((session) => (
              <Table.Tr key={session.id}>
                <Table.Td>{formatSpan(session.localStartsAt, session.localEndsAt)}</Table.Td>
                <Table.Td>{session.location}</Table.Td>
                <Table.Td>{session.capacity}</Table.Td>
                <Table.Td>{session.enrolled ?? 0}</Table.Td>
                <Table.Td>{session.seatsLeft ?? 0}</Table.Td>
                <Table.Td>{session.waitlisted ?? 0}</Table.Td>
                <Table.Td>
                  {session.registrationOpen
                    ? `Open until ${formatInstant(session.registrationDeadline, zone)}`
                    : `Closed ${formatInstant(session.registrationDeadline, zone)}`}
                </Table.Td>
                {manage && (
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Button size="xs" variant="default" onClick={() => setEditing(session)}
                        aria-label={`Change the session of ${sessionLabel(session)}`}>Change</Button>
                      <Button size="xs" variant="subtle" color="red" onClick={() => setDeleting(session)}
                        aria-label={`Delete the session of ${sessionLabel(session)}`}>Delete</Button>
                    </Group>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
            {sessions.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={manage ? 8 : 7}>
                  <Text ta="center" c="gray.7" py="md">No sessions yet.</Text>
                </Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      </ScrollTable>

      {editing && (
        <SessionDialog training={training} session={editing === 'new' ? undefined : editing} onClose={(done) => {
          setEditing(null);
          if (done) void changed();
        }} />
      )}
      {deleting && (
        <ConfirmDialog title="Delete session" confirmLabel="Delete session" refused="The session was not deleted"
          onClose={(done) => {
            setDeleting(null);
            if (done) void changed();
          }}
          onConfirm={() => answer(trainingApi.DELETE('/trainings/{id}/sessions/{sessionId}', {
            params: { path: { id, sessionId: deleting.id ?? '' } },
          }))}>
          {`Delete the session of ${sessionLabel(deleting)}? Move or remove its participants first.`}
        </ConfirmDialog>
      )}
    </Stack>
  );
}
