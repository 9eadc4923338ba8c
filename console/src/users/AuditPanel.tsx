import { useState } from 'react';
import { keepPreviousData, useQueries, useQuery } from '@tanstack/react-query';
import { Alert, Loader, Paper, Table, Text, Title } from '@mantine/core';
import { api, answer, errorWords } from '../api/client';
import { auditWords, sourceWords } from './words';
import { Pager } from '../common/Pager';
import { ScrollTable } from '../common/ScrollTable';

const PAGE_SIZE = 20;

/** The user's audit, newest first: what changed, who changed it and from where, paged by the server. */
export function AuditPanel({ userId }: { userId: string }) {
  const [page, setPage] = useState(1);
  const audit = useQuery({
    queryKey: ['user', userId, 'audit', page],
    queryFn: () => answer(api.GET('/users/{id}/audit', {
      params: { path: { id: userId }, query: { page: page - 1, size: PAGE_SIZE } },
    })),
    placeholderData: keepPreviousData,
  });
  const entries = audit.data?.items ?? [];
  const actorIds = [...new Set(entries.map((entry) => entry.actorId).filter((id): id is string => Boolean(id)))];
  // who acted, by name: an administrator outside the reader's departments stays "an administrator"
  const actors = useQueries({
    queries: actorIds.map((id) => ({
      queryKey: ['user', id, 'name'],
      queryFn: () => answer(api.GET('/users/{id}', { params: { path: { id } } })),
      retry: false,
      staleTime: 60_000,
    })),
  });
  const names = new Map(actorIds.map((id, index) => {
    const actor = actors[index]?.data;
    return [id, actor ? `${actor.firstName ?? ''} ${actor.lastName ?? ''}`.trim() : 'An administrator'];
  }));
  const pages = Math.max(1, Number(audit.data?.page?.totalPages ?? 1));

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="audit-heading">
      <Title order={2} size="h3" id="audit-heading" mb="sm">Audit</Title>
      {audit.isPending && <Loader size="sm" aria-label="Loading the audit" />}
      {audit.error && <Alert color="red" role="alert">{errorWords(audit.error)}</Alert>}
      {audit.isSuccess && entries.length === 0 && <Text size="sm">Nothing recorded yet.</Text>}
      {entries.length > 0 && (
        <ScrollTable label="Audit table" minWidth={640}>
          <Table aria-label="Audit of this user" aria-busy={audit.isFetching} striped>
            <Table.Thead>
              <Table.Tr><Table.Th>When</Table.Th><Table.Th>What</Table.Th><Table.Th>Who</Table.Th><Table.Th>From</Table.Th></Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {entries.map((entry) => (
                <Table.Tr key={entry.id}>
                  <Table.Td>{entry.occurredAt ? new Date(entry.occurredAt).toLocaleString() : ''}</Table.Td>
                  <Table.Td>{auditWords(entry.action ?? '', entry.details as Record<string, unknown> | undefined)}</Table.Td>
                  <Table.Td>{entry.actorId ? names.get(entry.actorId) : 'Roster'}</Table.Td>
                  <Table.Td>{sourceWords(entry.source)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
      {pages > 1 && (
        <Pager label="Pages of the audit" total={pages} value={page} onChange={setPage} />
      )}
    </Paper>
  );
}
