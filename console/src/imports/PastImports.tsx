import { useState } from 'react';
import { Link } from 'react-router';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Anchor, Group, Stack, Table, Text, Title } from '@mantine/core';
import { answer, importApi } from '../api/client';
import { plural } from '../users/words';
import { ScrollTable } from '../common/ScrollTable';
import { StateBadge } from './StateBadge';
import { formatDateTime, type ImportState } from './words';
import { Pager } from '../common/Pager';
import { ProblemAlert } from '../common/ProblemAlert';

const PAGE_SIZE = 10;

/** Imports still being checked or applied: the list follows them until they settle. */
const MOVING: ImportState[] = ['PREPARING', 'CONFIRMED'];

/** The imports uploaded so far, newest first, paged by the server, each with its state and a link to it. */
export function PastImports() {
  const [page, setPage] = useState(1);
  const imports = useQuery({
    queryKey: ['imports', page],
    queryFn: () => answer(importApi.GET('/imports', { params: { query: { page: page - 1, size: PAGE_SIZE } } })),
    placeholderData: keepPreviousData,
    refetchInterval: (query) =>
      query.state.data?.items?.some((job) => MOVING.includes(job.state ?? 'COMPLETED')) ? 2000 : false,
  });
  const items = imports.data?.items ?? [];
  const pages = Math.max(1, Number(imports.data?.page?.totalPages ?? 1));

  return (
    <Stack component="section" aria-labelledby="past-imports">
      <Group justify="space-between" align="flex-end">
        <Title order={2} size="h3" id="past-imports">Past imports</Title>
        <Text size="sm" c="gray.7">
          {imports.data ? plural(Number(imports.data.page?.totalElements ?? 0), 'import') : ''}
        </Text>
      </Group>
      <ProblemAlert error={imports.error} title="The imports could not be listed" />
      <ScrollTable label="Past imports, scrolled sideways" minWidth={560}>
        <Table striped aria-label="Past imports" aria-busy={imports.isFetching}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>File</Table.Th>
              <Table.Th>State</Table.Th>
              <Table.Th>Uploaded</Table.Th>
              <Table.Th>Rows</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((job) => (
              <Table.Tr key={job.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/imports/${job.id}`}>{job.fileName || 'Unnamed file'}</Anchor>
                </Table.Td>
                <Table.Td><StateBadge state={job.state ?? 'PREVIEW'} /></Table.Td>
                <Table.Td>{formatDateTime(job.createdAt)}</Table.Td>
                <Table.Td>{(job.summary?.totalRows ?? 0).toLocaleString('en')}</Table.Td>
              </Table.Tr>
            ))}
            {imports.isSuccess && items.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={4}>
                  <Text ta="center" c="gray.7" py="md">No file has been imported yet.</Text>
                </Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      </ScrollTable>
      {pages > 1 && (
        <Pager label="Pages of imports" total={pages} value={page} onChange={setPage} />
      )}
    </Stack>
  );
}
