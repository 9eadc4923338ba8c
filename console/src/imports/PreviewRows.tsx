import { useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Badge, Chip, Group, Stack, Table, Text, Title } from '@mantine/core';
import { answer, importApi } from '../api/client';
import type { components } from '../api/import-service';
import { ScrollTable } from '../common/ScrollTable';
import { ACTION_WORDS, type ImportState, outcomeWords, problemOfRow, ROW_ACTIONS, type RowAction,
  valueWords } from './words';
import { Pager } from '../common/Pager';
import { ProblemAlert } from '../common/ProblemAlert';

const PAGE_SIZE = 25;

type Summary = components['schemas']['Summary'];
type Row = components['schemas']['RowResponse'];

const COUNT_OF: Record<RowAction, keyof Summary> = {
  CREATE: 'create',
  UPDATE: 'update',
  STATUS_CHANGE: 'statusChange',
  UNCHANGED: 'unchanged',
  INVALID: 'invalid',
};

/** One row's details: why it is invalid, its warnings, and the values it sets. */
function RowDetails({ row }: { row: Row }) {
  return (
    <Stack gap={2}>
      {(row.errors ?? []).map((error) => (
        <Text key={`e-${error.column}-${error.reason}`} size="sm" c="red.9">{problemOfRow(error)}</Text>
      ))}
      {(row.warnings ?? []).map((warning) => (
        <Text key={`w-${warning.column}-${warning.reason}`} size="sm" c="orange.9">
          {`Warning: ${problemOfRow(warning)}`}
        </Text>
      ))}
      {valueWords(row.values).length > 0 && <Text size="sm" c="gray.7">{valueWords(row.values).join(' · ')}</Text>}
    </Stack>
  );
}

/**
 * The rows of an import, paged by the server and filtered by what they will do; once confirmed, what each did.
 * `answered` (rows answered so far) makes the page reload as the outcomes come in.
 */
export function PreviewRows({ id, state, summary, answered }: {
  id: string;
  state: ImportState;
  summary: Summary | undefined;
  answered: number;
}) {
  const [actions, setActions] = useState<RowAction[]>([]);
  const [page, setPage] = useState(1);
  const query = { action: actions.length > 0 ? actions : undefined, page: page - 1, size: PAGE_SIZE };
  const rows = useQuery({
    queryKey: ['import-rows', id, query, state, answered],
    queryFn: () => answer(importApi.GET('/imports/{id}/rows', { params: { path: { id }, query } })),
    placeholderData: keepPreviousData,
  });
  const items = rows.data?.items ?? [];
  const pages = Math.max(1, Number(rows.data?.page?.totalPages ?? 1));
  const applied = state === 'CONFIRMED' || state === 'COMPLETED';
  const columns = applied ? 4 : 3;

  return (
    <Stack component="section" aria-labelledby="import-rows">
      <Title order={2} size="h3" id="import-rows">Rows</Title>
      <Stack gap={6}>
        <Text size="sm" fw={500} id="row-filter">Show only</Text>
        <Chip.Group multiple value={actions} onChange={(value) => { setActions(value as RowAction[]); setPage(1); }}>
          <Group gap="xs" role="group" aria-labelledby="row-filter">
            {ROW_ACTIONS.map((action) => (
              <Chip key={action} value={action} size="sm">
                {`${ACTION_WORDS[action].filter} (${(summary?.[COUNT_OF[action]] ?? 0).toLocaleString('en')})`}
              </Chip>
            ))}
          </Group>
        </Chip.Group>
      </Stack>
      <ProblemAlert error={rows.error} title="The rows could not be listed" />
      <ScrollTable label="Rows of the file, scrolled sideways" minWidth={600}>
        <Table striped aria-label="Rows of the file" aria-busy={rows.isFetching} verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={60}>Row</Table.Th>
              <Table.Th>Login and preview</Table.Th>
              <Table.Th>Details</Table.Th>
              {applied && <Table.Th>Outcome</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((row) => (
              <Table.Tr key={row.rowNumber}>
                <Table.Td>{row.rowNumber}</Table.Td>
                <Table.Td>
                  <Stack gap={4} align="flex-start">
                    <Text size="sm">{row.login || '—'}</Text>
                    {row.action && (
                      <Badge color={ACTION_WORDS[row.action].color} variant="dot" tt="none" c="dark">
                        {ACTION_WORDS[row.action].label}
                      </Badge>
                    )}
                  </Stack>
                </Table.Td>
                <Table.Td><RowDetails row={row} /></Table.Td>
                {applied && <Table.Td>{outcomeWords(row, state)}</Table.Td>}
              </Table.Tr>
            ))}
            {rows.isSuccess && items.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={columns}>
                  <Text ta="center" c="gray.7" py="md">No row of this kind.</Text>
                </Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      </ScrollTable>
      {pages > 1 && (
        <Pager label="Pages of rows" total={pages} value={page} onChange={setPage} />
      )}
    </Stack>
  );
}
