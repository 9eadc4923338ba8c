import { useState } from 'react';
import { Link } from 'react-router';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Anchor, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { answer, trainingApi } from '../api/client';
import { formatDate, plural } from '../users/words';
import { ProblemAlert } from '../common/ProblemAlert';
import { KIND_WORDS, type Kind } from './learning';
import { NewCourseDialog } from './NewCourseDialog';
import { canManageTrainings } from './rights';
import { Pager } from '../common/Pager';
import { ScrollTable } from '../common/ScrollTable';

const PAGE_SIZE = 25;

/** The account's courses or programs, newest first, paged by the server; a new one created here. */
export function CoursesPage({ kind }: { kind: Kind }) {
  const words = KIND_WORDS[kind];
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const query = { page: page - 1, size: PAGE_SIZE };
  const list = useQuery({
    queryKey: [kind, query],
    queryFn: () => answer(trainingApi.GET('/{kind}', { params: { path: { kind }, query } })),
    placeholderData: keepPreviousData,
  });
  const rows = list.data?.items ?? [];
  const total = list.data?.page?.totalElements ?? 0;
  const pages = Math.max(1, Number(list.data?.page?.totalPages ?? 1));

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Title order={1}>{words.title}</Title>
        <Group>
          <Text size="sm" c="gray.7" aria-live="polite">{list.data ? plural(total, words.one) : ''}</Text>
          {canManageTrainings() && <Button onClick={() => setCreating(true)}>{`New ${words.one}`}</Button>}
        </Group>
      </Group>
      <ProblemAlert error={list.error} title={`The ${kind} could not be listed`} />
      <ScrollTable label={`${kind} table`} minWidth={600}>
        <Table striped highlightOnHover aria-label={words.title} aria-busy={list.isFetching}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Title</Table.Th>
              <Table.Th>Description</Table.Th>
              {kind === 'programs' && <Table.Th>Courses</Table.Th>}
              <Table.Th>Created</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((item) => (
              <Table.Tr key={item.id}>
                <Table.Td><Anchor component={Link} to={`/${kind}/${item.id}`}>{item.title}</Anchor></Table.Td>
                <Table.Td><Text size="sm" lineClamp={2}>{item.description}</Text></Table.Td>
                {kind === 'programs' && <Table.Td>{(item.courseIds ?? []).length}</Table.Td>}
                <Table.Td>{formatDate(item.createdAt)}</Table.Td>
              </Table.Tr>
            ))}
            {list.isSuccess && rows.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={kind === 'programs' ? 4 : 3}>
                  <Text ta="center" c="gray.7" py="md">{words.none}</Text>
                </Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      </ScrollTable>
      <Pager label={`Pages of ${kind}`} total={pages} value={page} onChange={setPage} />
      {creating && <NewCourseDialog kind={kind} onClose={() => setCreating(false)} />}
    </Stack>
  );
}
