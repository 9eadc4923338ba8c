import { useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { Alert, Anchor, Button, Checkbox, Group, Menu, MultiSelect, Select, Stack, Table, Text,
  TextInput, Title, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { api, answer, ApiError } from '../api/client';
import type { components } from '../api/user-service';
import { problemWords } from '../api/problem';
import { can } from '../session/session';
import { BulkDialog } from './BulkDialog';
import { departmentChoices, useDepartments, useGroups } from './lookups';
import { StatusBadge } from './StatusBadge';
import { ACTION_WORDS, type BulkAction, formatDate, plural, STATUS_WORDS, type UserStatus } from './words';
import { Pager } from '../common/Pager';
import { ScrollTable } from '../common/ScrollTable';

const PAGE_SIZE = 25;

type ApiUser = components['schemas']['UserResponse'];

/** A row of the list: the API document marks no field as always present, so absent ones are read as empty here, once. */
interface Row {
  id: string;
  firstName: string;
  lastName: string;
  login: string;
  email: string;
  status: UserStatus;
  employmentEndedOn?: string;
  scheduled?: { status: UserStatus; effectiveDate: string };
  lastSignInAt?: string;
}

function rowOf(user: ApiUser): Row {
  const scheduled = user.scheduledStatusChange;
  return {
    id: user.id ?? '',
    firstName: user.firstName ?? '',
    lastName: user.lastName ?? '',
    login: user.login ?? '',
    email: user.email ?? '',
    status: (user.status ?? 'ACTIVE') as UserStatus,
    employmentEndedOn: user.employmentEndedOn,
    scheduled: scheduled?.status && scheduled.effectiveDate
      ? { status: scheduled.status as UserStatus, effectiveDate: scheduled.effectiveDate }
      : undefined,
    lastSignInAt: user.lastSignInAt,
  };
}

function nameOf(user: Row): string {
  return `${user.firstName} ${user.lastName} (${user.login})`;
}

type SortKey = 'lastName' | 'login' | 'email' | 'status' | 'lastSignInAt';

const COLUMNS: Array<{ key: SortKey; label: string }> = [
  { key: 'lastName', label: 'Name' },
  { key: 'login', label: 'Login' },
  { key: 'email', label: 'Email' },
  { key: 'status', label: 'Status' },
  { key: 'lastSignInAt', label: 'Last sign-in' },
];

// a deleted user is gone for good, never listed
const LISTED: UserStatus[] = ['ACTIVE', 'INACTIVE', 'EMPLOYMENT_ENDED'];


/**
 * The users list: searched, filtered, sorted and paged by the server (it stays fast at 100,000 users); users picked
 * on any page stay picked for a bulk action.
 */
export function UsersPage() {
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [statuses, setStatuses] = useState<string[]>([]);
  const [departmentId, setDepartmentId] = useState<string | null>(null);
  const [groupId, setGroupId] = useState<string | null>(null);
  const departments = useDepartments();
  const groups = useGroups();
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({ key: 'lastName', descending: false });
  const [page, setPage] = useState(1);
  const [picked, setPicked] = useState<Map<string, string>>(new Map());
  const [action, setAction] = useState<BulkAction | null>(null);

  const query = {
    q: q || undefined,
    status: statuses.length > 0 ? (statuses as Array<'ACTIVE' | 'INACTIVE' | 'EMPLOYMENT_ENDED'>) : undefined,
    departmentId: departmentId ?? undefined,
    groupId: groupId ?? undefined,
    sort: `${sort.descending ? '-' : ''}${sort.key}`,
    page: page - 1,
    size: PAGE_SIZE,
  };
  const users = useQuery({
    queryKey: ['users', query],
    queryFn: () => answer(api.GET('/users', { params: { query } })),
    placeholderData: keepPreviousData,
  });
  const rows = (users.data?.items ?? []).map(rowOf);
  const total = users.data?.page?.totalElements ?? 0;
  const pages = Math.max(1, Number(users.data?.page?.totalPages ?? 1));
  const allOnPage = rows.length > 0 && rows.every((user) => picked.has(user.id));
  const someOnPage = rows.some((user) => picked.has(user.id));

  function toggle(id: string, name: string) {
    setPicked((before) => {
      const after = new Map(before);
      if (!after.delete(id)) after.set(id, name);
      return after;
    });
  }

  function togglePage() {
    setPicked((before) => {
      const after = new Map(before);
      rows.forEach((user) => (allOnPage ? after.delete(user.id) : after.set(user.id, nameOf(user))));
      return after;
    });
  }

  function sortBy(key: SortKey) {
    setSort((before) => ({ key, descending: before.key === key ? !before.descending : false }));
    setPage(1);
  }

  const actions = (Object.keys(ACTION_WORDS) as BulkAction[]).filter((candidate) =>
    candidate === 'DELETE' ? can('USERS_DELETE') : can('USERS_MANAGE'));

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Title order={1}>Users</Title>
        <Text size="sm" c="gray.7" aria-live="polite">
          {users.data ? plural(total, 'user') : ''}
        </Text>
      </Group>
      <Group align="flex-end" wrap="wrap">
        <TextInput label="Search" placeholder="Name, login or email" value={search} w={220}
          onChange={(event) => { setSearch(event.currentTarget.value); setPage(1); }} />
        <MultiSelect label="Status" placeholder={statuses.length ? undefined : 'Any'} w={250} clearable
          data={LISTED.map((value) => ({ value, label: STATUS_WORDS[value] }))}
          value={statuses} onChange={(value) => { setStatuses(value); setPage(1); }} />
        <Select label="Department" placeholder="Any (with sub-departments)" w={240} clearable searchable
          clearButtonProps={{ 'aria-label': 'Any department', 'aria-hidden': false, tabIndex: 0 }}
          data={departmentChoices(departments.data)} value={departmentId}
          onChange={(value) => { setDepartmentId(value); setPage(1); }} />
        <Select label="Group" placeholder="Any" w={200} clearable searchable
          clearButtonProps={{ 'aria-label': 'Any group', 'aria-hidden': false, tabIndex: 0 }}
          data={(groups.data ?? []).filter((group) => group.id).map((group) => ({ value: group.id as string, label: group.name ?? '' }))}
          value={groupId} onChange={(value) => { setGroupId(value); setPage(1); }} />
        {picked.size > 0 && actions.length > 0 && (
          <Menu position="bottom-start">
            <Menu.Target>
              <Button>{`Change ${plural(picked.size, 'user')}`}</Button>
            </Menu.Target>
            <Menu.Dropdown>
              {actions.map((candidate) => (
                <Menu.Item key={candidate} color={candidate === 'DELETE' ? 'red' : undefined}
                  onClick={() => setAction(candidate)}>
                  {ACTION_WORDS[candidate].verb}
                </Menu.Item>
              ))}
            </Menu.Dropdown>
          </Menu>
        )}
        {picked.size > 0 && (
          <Button variant="subtle" onClick={() => setPicked(new Map())}>
            Clear selection
          </Button>
        )}
      </Group>

      {users.error && (
        <Alert color="red" role="alert" title="The users could not be listed">
          {users.error instanceof ApiError ? problemWords(users.error.problem) : String(users.error)}
        </Alert>
      )}

      <ScrollTable label="Users table" minWidth={720}>
        <Table striped highlightOnHover aria-label="Users" aria-busy={users.isFetching}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={40}>
                <Checkbox aria-label="Pick every user on this page" checked={allOnPage}
                  indeterminate={someOnPage && !allOnPage} onChange={togglePage} />
              </Table.Th>
              {COLUMNS.map((column) => (
                <Table.Th key={column.key}
                  aria-sort={sort.key === column.key ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
                  <UnstyledButton onClick={() => sortBy(column.key)} fw={600}>
                    {column.label}
                    {sort.key === column.key && <span aria-hidden="true">{sort.descending ? ' ▼' : ' ▲'}</span>}
                    <VisuallyHidden>{sort.key === column.key ? '' : ', sort by it'}</VisuallyHidden>
                  </UnstyledButton>
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((user) => (
              <Table.Tr key={user.id}>
                <Table.Td>
                  <Checkbox aria-label={`Pick ${user.firstName} ${user.lastName}`} checked={picked.has(user.id)}
                    onChange={() => toggle(user.id, nameOf(user))} />
                </Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`/users/${user.id}`}>{user.lastName}, {user.firstName}</Anchor>
                </Table.Td>
                <Table.Td>{user.login}</Table.Td>
                <Table.Td>{user.email}</Table.Td>
                <Table.Td>
                  <StatusBadge status={user.status} employmentEndedOn={user.employmentEndedOn} />
                  {user.scheduled && (
                    <Text size="xs" c="gray.7">
                      {`${STATUS_WORDS[user.scheduled.status]} on ${formatDate(user.scheduled.effectiveDate)}`}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{user.lastSignInAt ? new Date(user.lastSignInAt).toLocaleString() : 'Never'}</Table.Td>
              </Table.Tr>
            ))}
            {users.isSuccess && rows.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={COLUMNS.length + 1}>
                  <Text ta="center" c="gray.7" py="md">No user matches.</Text>
                </Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      </ScrollTable>
      <Pager label="Pages of users" total={pages} value={page} onChange={setPage} />

      {action && (
        <BulkDialog action={action} names={picked} onClose={(done) => {
          setAction(null);
          if (done) {
            setPicked(new Map());
            void users.refetch();
          }
        }} />
      )}
    </Stack>
  );
}
