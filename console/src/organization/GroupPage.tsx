import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Anchor, Badge, Button, Group, Loader, Pagination, Paper, Stack, Table, Text, TextInput,
  Title, VisuallyHidden } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { api, answer } from '../api/client';
import { can } from '../session/session';
import { StatusBadge } from '../users/StatusBadge';
import { plural, type UserStatus } from '../users/words';
import { ConfirmDialog } from '../common/ConfirmDialog';
import { GroupDialog } from './GroupDialog';
import { ProblemAlert } from '../common/ProblemAlert';
import { ScrollTable } from '../common/ScrollTable';
import { useDepartments } from './queries';
import { UserMultiPicker } from '../common/UserMultiPicker';
import { GROUP_KIND_WORDS, ruleWords } from './words';
import { personWords } from '../common/people';

const PAGE_SIZE = 25;

/**
 * A group: its kind and, for a smart group, its rule; renamed, its rule changed, deleted; its members paged by the
 * server, added and removed by hand in a static group.
 */
export function GroupPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const queries = useQueryClient();
  const { pathOf } = useDepartments();
  const group = useQuery({
    queryKey: ['group', id],
    queryFn: () => answer(api.GET('/groups/{id}', { params: { path: { id } } })),
  });
  const [dialog, setDialog] = useState<'edit' | 'delete' | null>(null);
  const manage = can('USERS_MANAGE');

  if (group.isPending) {
    return <Loader aria-label="Loading the group" />;
  }
  if (group.error) {
    return (
      <Stack>
        <Anchor component={Link} to="/groups" size="sm">← Groups</Anchor>
        <ProblemAlert error={group.error} title="This group could not be shown" />
      </Stack>
    );
  }
  const data = group.data;
  const smart = data.kind === 'SMART';

  async function changed() {
    await Promise.all([
      queries.invalidateQueries({ queryKey: ['group', id] }),
      queries.invalidateQueries({ queryKey: ['groups'] }),
      queries.invalidateQueries({ queryKey: ['group-members', id] }),
    ]);
  }

  return (
    <Stack maw={1000}>
      <Anchor component={Link} to="/groups" size="sm">← Groups</Anchor>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Group gap="sm">
            <Title order={1}>{data.name}</Title>
            <Badge variant="outline" color="gray.8" tt="none" size="lg">{data.kind ? GROUP_KIND_WORDS[data.kind] : ''}</Badge>
          </Group>
          <Text>
            {smart ? `Members: ${ruleWords(data.rules, pathOf)}.` : 'Members are added and removed by hand.'}
            {` ${plural(Number(data.memberCount ?? 0), 'member')} now.`}
          </Text>
          {smart && (
            <Text size="sm" c="gray.7">People whose employment ended are left out until they are active again.</Text>
          )}
        </Stack>
        {manage && (
          <Group>
            <Button variant="default" onClick={() => setDialog('edit')}>{smart ? 'Edit name or rule' : 'Rename'}</Button>
            <Button color="red" variant="outline" onClick={() => setDialog('delete')}>Delete group</Button>
          </Group>
        )}
      </Group>

      {manage && !smart && <AddMembers groupId={id} onAdded={changed} />}
      <Members groupId={id} removable={manage && !smart} onRemoved={changed} />

      {dialog === 'edit' && (
        <GroupDialog group={data} onClose={async (saved) => {
          setDialog(null);
          if (saved) await changed();
        }} />
      )}
      {dialog === 'delete' && (
        <ConfirmDialog title={`Delete ${data.name}?`} confirmLabel="Delete group"
          onConfirm={() => answer(api.DELETE('/groups/{id}', { params: { path: { id } } }))}
          onClose={async (done) => {
            setDialog(null);
            if (done) {
              await queries.invalidateQueries({ queryKey: ['groups'] });
              navigate('/groups', { replace: true });
            }
          }}>
          <Text>The group will be deleted. Its members stay in the account; only the group goes.</Text>
        </ConfirmDialog>
      )}
    </Stack>
  );
}

/** Adds the people picked to a static group. */
function AddMembers({ groupId, onAdded }: { groupId: string; onAdded: () => Promise<void> }) {
  const [picked, setPicked] = useState<string[]>([]);
  const add = useMutation({
    mutationFn: () => answer(api.POST('/groups/{id}/members', { params: { path: { id: groupId } }, body: { userIds: picked } })),
    onSuccess: async () => {
      setPicked([]);
      await onAdded();
    },
  });
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="add-members">
      <Title order={2} size="h4" id="add-members" mb="xs">Add members</Title>
      <Group align="flex-end" wrap="wrap">
        <div style={{ flex: '1 1 280px' }}>
          <UserMultiPicker label="People to add" value={picked} onChange={setPicked} />
        </div>
        <Button loading={add.isPending} disabled={picked.length === 0} onClick={() => add.mutate()}>
          {picked.length > 1 ? `Add ${picked.length} people` : 'Add'}
        </Button>
      </Group>
      {add.isSuccess && <Text size="sm" mt="xs" role="status">Added.</Text>}
      <ProblemAlert error={add.error} title="Nobody was added" />
    </Paper>
  );
}

/** The group's members, searched and paged by the server; in a static group each can be removed. */
function Members({ groupId, removable, onRemoved }: {
  groupId: string;
  removable: boolean;
  onRemoved: () => Promise<void>;
}) {
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [page, setPage] = useState(1);
  const query = { groupId, q: q || undefined, page: page - 1, size: PAGE_SIZE };
  const members = useQuery({
    queryKey: ['group-members', groupId, query],
    queryFn: () => answer(api.GET('/users', { params: { query } })),
    placeholderData: keepPreviousData,
  });
  const remove = useMutation({
    mutationFn: (userId: string) => answer(api.DELETE('/groups/{id}/members/{userId}', {
      params: { path: { id: groupId, userId } },
    })),
    onSuccess: onRemoved,
  });
  const rows = members.data?.items ?? [];
  const pages = Math.max(1, Number(members.data?.page?.totalPages ?? 1));

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="members-heading">
      <Group justify="space-between" align="flex-end" mb="sm">
        <Title order={2} size="h4" id="members-heading">Members</Title>
        <TextInput label="Search members" placeholder="Name, login or email" w={260} value={search}
          onChange={(event) => { setSearch(event.currentTarget.value); setPage(1); }} />
      </Group>
      <ProblemAlert error={members.error} title="The members could not be listed" />
      <ProblemAlert error={remove.error} title="Not removed" />
      <ScrollTable label="Members table" minWidth={640}>
        <Table striped aria-label="Members" aria-busy={members.isFetching}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Email</Table.Th>
              <Table.Th>Job title</Table.Th>
              <Table.Th>Status</Table.Th>
              {removable && <Table.Th><VisuallyHidden>Actions</VisuallyHidden></Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((user) => (
              <Table.Tr key={user.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/users/${user.id}`}>{personWords(user)}</Anchor>
                </Table.Td>
                <Table.Td>{user.email}</Table.Td>
                <Table.Td>{user.jobTitle}</Table.Td>
                <Table.Td>
                  <StatusBadge status={(user.status ?? 'ACTIVE') as UserStatus} employmentEndedOn={user.employmentEndedOn} />
                </Table.Td>
                {removable && (
                  <Table.Td>
                    <Button size="xs" variant="default" loading={remove.isPending && remove.variables === user.id}
                      aria-label={`Remove ${personWords(user)}`} onClick={() => remove.mutate(user.id ?? '')}>
                      Remove
                    </Button>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
            {members.isSuccess && rows.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={removable ? 5 : 4}>
                  <Text ta="center" c="gray.7" py="md">{q ? 'No member matches.' : 'No members yet.'}</Text>
                </Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      </ScrollTable>
      <Group justify="space-between" mt="sm">
        <Text size="sm" c="gray.7" aria-live="polite">
          {members.data ? plural(Number(members.data.page?.totalElements ?? 0), 'member') : ''}
        </Text>
        <Pagination total={pages} value={page} onChange={setPage} aria-label="Pages of members"
          getControlProps={(control) => ({ 'aria-label': `${control} page` })}
          getItemProps={(number) => ({ 'aria-label': `Page ${number}` })} />
      </Group>
    </Paper>
  );
}
