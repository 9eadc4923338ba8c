import { useState } from 'react';
import { Link } from 'react-router';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Anchor, Badge, Button, Group, Stack, Table, Text, TextInput, Title,
  VisuallyHidden } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { answer, trainingApi } from '../api/client';
import { plural } from '../users/words';
import { DeleteTrainingDialog } from './DeleteTrainingDialog';
import type { Session, Training } from './draft';
import { ProblemAlert } from '../common/ProblemAlert';
import { NewTrainingDialog } from './NewTrainingDialog';
import { canManageTrainings } from './rights';
import { SESSION_SELECTION_WORDS, TRAINING_STATUS_WORDS } from './words';
import { formatSpan } from './zone';
import { Pager } from '../common/Pager';
import { ScrollTable } from '../common/ScrollTable';

const PAGE_SIZE = 25;

/** The session a person looks for first: the next one to start, else the last one held. */
function nextSession(sessions: Session[], now = Date.now()): Session | undefined {
  const upcoming = sessions.filter((session) => Date.parse(session.startsAt ?? '') > now)
    .sort((a, b) => Date.parse(a.startsAt ?? '') - Date.parse(b.startsAt ?? ''));
  return upcoming[0] ?? [...sessions].sort((a, b) => Date.parse(b.startsAt ?? '') - Date.parse(a.startsAt ?? ''))[0];
}

/** The trainings of the account: searched by title and paged by the server, created here, opened or deleted. */
export function TrainingsPage() {
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<Training | null>(null);
  const manage = canManageTrainings();

  const query = { q: q || undefined, page: page - 1, size: PAGE_SIZE };
  const trainings = useQuery({
    queryKey: ['trainings', query],
    queryFn: () => answer(trainingApi.GET('/trainings', { params: { query } })),
    placeholderData: keepPreviousData,
  });
  const rows = trainings.data?.items ?? [];
  const total = trainings.data?.page?.totalElements ?? 0;
  const pages = Math.max(1, Number(trainings.data?.page?.totalPages ?? 1));

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Title order={1}>Trainings</Title>
        <Text size="sm" c="gray.7" aria-live="polite">{trainings.data ? plural(total, 'training') : ''}</Text>
      </Group>
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <TextInput label="Search" placeholder="Title" value={search} w={260}
          onChange={(event) => { setSearch(event.currentTarget.value); setPage(1); }} />
        {manage && <Button onClick={() => setCreating(true)}>New training</Button>}
      </Group>

      <ProblemAlert error={trainings.error} title="The trainings could not be listed" />

      <ScrollTable label="Trainings table" minWidth={760}>
        <Table striped highlightOnHover aria-label="Trainings" aria-busy={trainings.isFetching}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Title</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Sessions</Table.Th>
              <Table.Th>Next session</Table.Th>
              <Table.Th>Session selection</Table.Th>
              {manage && <Table.Th><VisuallyHidden>Actions</VisuallyHidden></Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((training) => {
              const next = nextSession(training.sessions ?? []);
              return (
                <Table.Tr key={training.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/trainings/${training.id}`}>{training.title}</Anchor>
                    {training.published === false && (
                      <Badge ml="xs" color="gray" variant="outline" c="dark">Not in the catalog</Badge>
                    )}
                  </Table.Td>
                  <Table.Td>{training.status ? TRAINING_STATUS_WORDS[training.status] : ''}</Table.Td>
                  <Table.Td>{(training.sessions ?? []).length}</Table.Td>
                  <Table.Td>
                    {next ? `${formatSpan(next.localStartsAt, next.localEndsAt)} (${training.timeZone})` : 'None yet'}
                  </Table.Td>
                  <Table.Td>{training.sessionSelection ? SESSION_SELECTION_WORDS[training.sessionSelection] : ''}</Table.Td>
                  {manage && (
                    <Table.Td>
                      <Button size="xs" variant="subtle" color="red" onClick={() => setDeleting(training)}
                        aria-label={`Delete ${training.title}`}>
                        Delete
                      </Button>
                    </Table.Td>
                  )}
                </Table.Tr>
              );
            })}
            {trainings.isSuccess && rows.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={manage ? 6 : 5}>
                  <Text ta="center" c="gray.7" py="md">{q ? 'No training matches.' : 'No trainings yet.'}</Text>
                </Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      </ScrollTable>
      <Pager label="Pages of trainings" total={pages} value={page} onChange={setPage} />

      {creating && <NewTrainingDialog onClose={() => setCreating(false)} />}
      {deleting && (
        <DeleteTrainingDialog training={deleting} onClose={(done) => {
          setDeleting(null);
          if (done) void trainings.refetch();
        }} />
      )}
    </Stack>
  );
}
