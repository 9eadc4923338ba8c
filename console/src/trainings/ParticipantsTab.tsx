import { useState } from 'react';
import { Link } from 'react-router';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Anchor, Button, Group, Select, Stack, Table, Text } from '@mantine/core';
import { answer, trainingApi } from '../api/client';
import { can } from '../session/session';
import { plural } from '../users/words';
import { AddParticipantsDialog } from './AddParticipantsDialog';
import { AttendanceSelect } from './AttendanceSelect';
import { ConfirmDialog } from '../common/ConfirmDialog';
import type { Session, Training } from './draft';
import { ProblemAlert } from '../common/ProblemAlert';
import { MoveDialog } from './MoveDialog';
import { attendanceMarkable, participantName, VIEWS, type Participant } from './participants';
import { canEnroll, canManageTrainings, canPickUsers, canSeeParticipants } from './rights';
import { byStart, sessionLabel } from './sessions';
import { useTrainingChanged } from './useTraining';
import { ATTENDANCE_WORDS, dropReasonWords, participantStatusWords, seatWords } from './words';
import { Pager } from '../common/Pager';
import { ScrollTable } from '../common/ScrollTable';

const PAGE_SIZE = 25;
const EVERY_SESSION = 'all';

/**
 * The participants, per session or all, seated first and then the waitlist in its order; added by picking users, moved
 * to another session, removed, and their attendance marked once their session has started.
 */
export function ParticipantsTab({ training }: { training: Training }) {
  const id = training.id ?? '';
  const sessions = byStart(training.sessions ?? []);
  const [session, setSession] = useState<string>(EVERY_SESSION);
  const [view, setView] = useState('open');
  const [page, setPage] = useState(1);
  const [adding, setAdding] = useState(false);
  const [moving, setMoving] = useState<Participant | null>(null);
  const [removing, setRemoving] = useState<Participant | null>(null);
  const changed = useTrainingChanged(id);
  const listed = canSeeParticipants();

  const query = {
    sessionId: session === EVERY_SESSION ? undefined : session,
    status: VIEWS[view].statuses,
    page: page - 1,
    size: PAGE_SIZE,
  };
  const participants = useQuery({
    queryKey: ['participants', id, query],
    queryFn: () => answer(trainingApi.GET('/trainings/{trainingId}/participants', {
      params: { path: { trainingId: id }, query },
    })),
    placeholderData: keepPreviousData,
    enabled: listed,
  });
  const total = participants.data?.page?.totalElements ?? 0;
  const pages = Math.max(1, Number(participants.data?.page?.totalPages ?? 1));
  const chosen = sessions.find((candidate) => candidate.id === session);
  const done = (close: () => void) => (changes: boolean) => {
    close();
    if (changes) void changed();
  };

  return (
    <Stack>
      <Group align="flex-end" justify="space-between" wrap="wrap">
        <Group align="flex-end" wrap="wrap">
          <Select label="Session" allowDeselect={false} value={session} w={{ base: '100%', sm: 380 }}
            onChange={(value) => { setSession(value ?? EVERY_SESSION); setPage(1); }}
            data={[{ value: EVERY_SESSION, label: 'Every session' },
              ...sessions.map((candidate) => ({ value: candidate.id ?? '', label: sessionLabel(candidate) }))]} />
          {listed && (
            <Select label="Show" allowDeselect={false} value={view} w={220}
              onChange={(value) => { setView(value ?? 'open'); setPage(1); }}
              data={Object.entries(VIEWS).map(([value, { label }]) => ({ value, label }))} />
          )}
        </Group>
        {canEnroll() && canPickUsers() && <Button onClick={() => setAdding(true)}>Add participants</Button>}
      </Group>
      <Group justify="space-between">
        <Text size="sm" aria-live="polite">{chosen ? `This session: ${seatWords(chosen)}.` : ''}</Text>
        <Text size="sm" c="gray.7">{participants.data ? plural(total, 'participant') : ''}</Text>
      </Group>

      <ProblemAlert error={participants.error} title="The participants could not be listed" />
      {listed ? (
        <>
          <ParticipantsTable training={training} sessions={sessions} rows={participants.data?.items ?? []}
            loaded={participants.isSuccess} busy={participants.isFetching} everySession={session === EVERY_SESSION}
            open={view !== 'ended'} onChanged={() => void changed()} onMove={setMoving} onRemove={setRemoving} />
          <Pager label="Pages of participants" total={pages} value={page} onChange={setPage} />
        </>
      ) : (
        <Text>Your role may enroll users in this training but not list its participants.</Text>
      )}

      {adding && (
        <AddParticipantsDialog training={training} sessionId={chosen?.id ?? null} onClose={done(() => setAdding(false))} />
      )}
      {moving && (
        <MoveDialog training={training} participant={moving} name={participantName(moving)}
          onClose={done(() => setMoving(null))} />
      )}
      {removing && (
        <ConfirmDialog title="Remove participant" confirmLabel="Remove" refused="Not removed"
          onClose={done(() => setRemoving(null))}
          onConfirm={() => answer(trainingApi.DELETE('/trainings/{trainingId}/participants/{userId}', {
            params: { path: { trainingId: id, userId: removing.userId ?? '' } },
          }))}>
          {`Remove ${participantName(removing)} from "${training.title}"?`
            + (removing.status === 'ENROLLED' ? ' Their seat goes to the first person on the waitlist.' : '')}
        </ConfirmDialog>
      )}
    </Stack>
  );
}

/** One page of participants: name, session, place (with the waitlist position), attendance, and what can be done. */
function ParticipantsTable({ training, sessions, rows, loaded, busy, everySession, open, onChanged, onMove, onRemove }: {
  training: Training;
  sessions: Session[];
  rows: Participant[];
  loaded: boolean;
  busy: boolean;
  everySession: boolean;
  open: boolean;
  onChanged: () => void;
  onMove: (participant: Participant) => void;
  onRemove: (participant: Participant) => void;
}) {
  const actions = open && canEnroll();
  const marks = canManageTrainings();
  const columns = 4 + (everySession ? 1 : 0) + (actions ? 1 : 0);
  return (
    <ScrollTable label="Participants table" minWidth={820}>
      <Table striped aria-label="Participants" aria-busy={busy}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Email</Table.Th>
            {everySession && <Table.Th>Session</Table.Th>}
            <Table.Th>Status</Table.Th>
            <Table.Th>Attendance</Table.Th>
            {actions && <Table.Th>Actions</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((participant) => {
            const name = participantName(participant);
            const held = sessions.find((candidate) => candidate.id === participant.sessionId);
            return (
              <Table.Tr key={participant.enrollmentId}>
                <Table.Td>
                  {can('USERS_VIEW') ? <Anchor component={Link} to={`/users/${participant.userId}`}>{name}</Anchor> : name}
                </Table.Td>
                <Table.Td>{participant.email}</Table.Td>
                {everySession && <Table.Td>{held ? sessionLabel(held) : 'No session yet'}</Table.Td>}
                <Table.Td>
                  {participantStatusWords(participant.status, participant.waitlistPosition)}
                  {participant.endReason && <Text size="xs" c="gray.7">{dropReasonWords(participant.endReason)}</Text>}
                </Table.Td>
                <Table.Td>
                  {marks && attendanceMarkable(participant, held?.startsAt)
                    ? <AttendanceSelect trainingId={training.id ?? ''} userId={participant.userId ?? ''} name={name}
                        value={participant.attendance} onChanged={onChanged} />
                    : participant.attendance ? ATTENDANCE_WORDS[participant.attendance] : 'Not marked'}
                </Table.Td>
                {actions && (
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Button size="xs" variant="default" onClick={() => onMove(participant)}
                        aria-label={`Move ${name}`}>Move</Button>
                      <Button size="xs" variant="subtle" color="red" onClick={() => onRemove(participant)}
                        aria-label={`Remove ${name}`}>Remove</Button>
                    </Group>
                  </Table.Td>
                )}
              </Table.Tr>
            );
          })}
          {loaded && rows.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={columns}>
                <Text ta="center" c="gray.7" py="md">Nobody here yet.</Text>
              </Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
    </ScrollTable>
  );
}
