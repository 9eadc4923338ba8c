import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Anchor, Button, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { api, answer } from '../api/client';
import { can } from '../session/session';
import { plural } from '../users/words';
import { GroupDialog } from './GroupDialog';
import { ProblemAlert } from '../common/ProblemAlert';
import { ScrollTable } from '../common/ScrollTable';
import { useDepartments } from './queries';
import { GROUP_KIND_WORDS, ruleWords } from './words';
import { Pager } from '../common/Pager';

const PAGE_SIZE = 25;

/** The account's groups, static and smart: found by name, each with who its members are and how many; a new group. */
export function GroupsPage() {
  const navigate = useNavigate();
  const { pathOf } = useDepartments();
  const groups = useQuery({ queryKey: ['groups'], queryFn: () => answer(api.GET('/groups')) });
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);

  // the service answers every group at once: found and paged here
  const wanted = search.trim().toLowerCase();
  const found = (groups.data ?? []).filter((group) => (group.name ?? '').toLowerCase().includes(wanted));
  const pages = Math.max(1, Math.ceil(found.length / PAGE_SIZE));
  const shown = found.slice((Math.min(page, pages) - 1) * PAGE_SIZE, Math.min(page, pages) * PAGE_SIZE);

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Title order={1}>Groups</Title>
        {can('USERS_MANAGE') && <Button onClick={() => setCreating(true)}>New group</Button>}
      </Group>
      <Group justify="space-between" align="flex-end">
        <TextInput label="Search" placeholder="Group name" w={260} value={search}
          onChange={(event) => { setSearch(event.currentTarget.value); setPage(1); }} />
        <Text size="sm" c="gray.7" aria-live="polite">{groups.data ? plural(found.length, 'group') : ''}</Text>
      </Group>
      <ProblemAlert error={groups.error} title="The groups could not be listed" />
      <ScrollTable label="Groups table" minWidth={560}>
        <Table striped aria-label="Groups" aria-busy={groups.isFetching}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Kind</Table.Th>
              <Table.Th>Who is in it</Table.Th>
              <Table.Th>Members</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((group) => (
              <Table.Tr key={group.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/groups/${group.id}`}>{group.name}</Anchor>
                </Table.Td>
                <Table.Td>{group.kind ? GROUP_KIND_WORDS[group.kind] : ''}</Table.Td>
                <Table.Td>{group.kind === 'SMART' ? ruleWords(group.rules, pathOf) : 'Added by hand'}</Table.Td>
                <Table.Td>{Number(group.memberCount ?? 0).toLocaleString('en')}</Table.Td>
              </Table.Tr>
            ))}
            {groups.isSuccess && shown.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={4}>
                  <Text ta="center" c="gray.7" py="md">{wanted ? 'No group matches.' : 'No groups yet.'}</Text>
                </Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      </ScrollTable>
      {pages > 1 && (
        <Pager label="Pages of groups" total={pages} value={Math.min(page, pages)} onChange={setPage} />
      )}
      {creating && (
        <GroupDialog onClose={(saved) => {
          setCreating(false);
          if (saved?.id) navigate(`/groups/${saved.id}`);
        }} />
      )}
    </Stack>
  );
}
