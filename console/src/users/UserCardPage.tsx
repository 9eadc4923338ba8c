import { useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Anchor, Button, Group, Loader, Menu, Stack, Tabs, Text, Title } from '@mantine/core';
import { api, answer, answered, errorWords } from '../api/client';
import { can } from '../session/session';
import { AuditPanel } from './AuditPanel';
import { BulkDialog } from './BulkDialog';
import { GroupsPanel } from './GroupsPanel';
import { PersonalInformation } from './PersonalInformation';
import { RolesPanel } from './RolesPanel';
import { SignInPanel } from './SignInPanel';
import { StatusBadge } from './StatusBadge';
import { ACTION_WORDS, type BulkAction, formatDate, STATUS_WORDS, type UserStatus } from './words';

const TABS = ['details', 'roles', 'groups', 'sign-in', 'audit'] as const;
type Tab = (typeof TABS)[number];

/**
 * The user card: the status with Change now or on a date, the scheduled change and its cancellation, Delete User;
 * tabs for Personal Information, roles, groups, sign-in (invitation, password) and the audit. The open tab is in the
 * address, so a reload or a shared link opens it again.
 */
export function UserCardPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const [search, setSearch] = useSearchParams();
  const queries = useQueryClient();
  const user = useQuery({
    queryKey: ['user', id],
    queryFn: async () => {
      const { data, response } = await answered(api.GET('/users/{id}', { params: { path: { id } } }));
      return { data, etag: response.headers.get('ETag') ?? undefined };
    },
  });
  const [action, setAction] = useState<BulkAction | null>(null);
  const refresh = () => queries.invalidateQueries({ queryKey: ['user', id] });
  const cancelScheduled = useMutation({
    mutationFn: () => answer(api.DELETE('/users/{id}/scheduled-status-change', { params: { path: { id } } })),
    onSuccess: refresh,
  });

  if (user.isPending) {
    return <Loader aria-label="Loading the user" />;
  }
  if (user.error) {
    return (
      <Alert color="red" role="alert" title="This user could not be shown">
        {errorWords(user.error)} <Anchor component={Link} to="/users">Back to the users</Anchor>
      </Alert>
    );
  }
  const { data, etag } = user.data;
  const status = (data.status ?? 'ACTIVE') as UserStatus;
  const scheduled = data.scheduledStatusChange;
  const name = `${data.firstName ?? ''} ${data.lastName ?? ''}`.trim();
  const manage = can('USERS_MANAGE');
  const tab: Tab = TABS.find((candidate) => candidate === search.get('tab')) ?? 'details';
  const changes: BulkAction[] = (['ACTIVATE', 'DEACTIVATE', 'END_EMPLOYMENT'] as BulkAction[]).filter((candidate) =>
    !(candidate === 'ACTIVATE' && status === 'ACTIVE') && !(candidate === 'DEACTIVATE' && status === 'INACTIVE')
    && !(candidate === 'END_EMPLOYMENT' && status === 'EMPLOYMENT_ENDED'));

  return (
    <Stack maw={960}>
      <Anchor component={Link} to="/users" size="sm">← Users</Anchor>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Title order={1}>{name || data.login}</Title>
          <Group gap="xs">
            <StatusBadge status={status} employmentEndedOn={data.employmentEndedOn} />
            {scheduled?.status && scheduled.effectiveDate && (
              <Text size="sm" c="gray.7">
                {`${STATUS_WORDS[scheduled.status as UserStatus]} on ${formatDate(scheduled.effectiveDate)} (scheduled)`}
              </Text>
            )}
          </Group>
        </Stack>
        {manage && (
          <Group>
            <Menu position="bottom-end">
              <Menu.Target>
                <Button>Change status</Button>
              </Menu.Target>
              <Menu.Dropdown>
                {changes.map((candidate) => (
                  <Menu.Item key={candidate} onClick={() => setAction(candidate)}>{ACTION_WORDS[candidate].verb}</Menu.Item>
                ))}
              </Menu.Dropdown>
            </Menu>
            {scheduled?.status && (
              <Button variant="default" loading={cancelScheduled.isPending} onClick={() => cancelScheduled.mutate()}>
                Cancel scheduled change
              </Button>
            )}
            {can('USERS_DELETE') && (
              <Button color="red" variant="outline" onClick={() => setAction('DELETE')}>Delete user</Button>
            )}
          </Group>
        )}
      </Group>
      {cancelScheduled.error && <Alert color="red" role="alert">{errorWords(cancelScheduled.error)}</Alert>}
      {(data.warnings ?? []).map((warning) => <Alert key={warning} color="yellow">{warning}</Alert>)}

      <Tabs value={tab} keepMounted={false}
        onChange={(value) => setSearch(value && value !== 'details' ? { tab: value } : {}, { replace: true })}>
        <Tabs.List aria-label="Parts of the user card">
          <Tabs.Tab value="details">Personal Information</Tabs.Tab>
          <Tabs.Tab value="roles">Roles</Tabs.Tab>
          <Tabs.Tab value="groups">Groups</Tabs.Tab>
          <Tabs.Tab value="sign-in">Sign-in</Tabs.Tab>
          <Tabs.Tab value="audit">Audit</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="details" pt="md">
          <PersonalInformation user={data} etag={etag} manage={manage} onSaved={refresh} onReload={() => void user.refetch()} />
        </Tabs.Panel>
        <Tabs.Panel value="roles" pt="md">
          <RolesPanel user={data} etag={etag} manage={manage && can('ROLES_MANAGE')} onSaved={refresh} />
        </Tabs.Panel>
        <Tabs.Panel value="groups" pt="md">
          <GroupsPanel userId={id} manage={manage} />
        </Tabs.Panel>
        <Tabs.Panel value="sign-in" pt="md">
          <SignInPanel user={data} manage={manage} />
        </Tabs.Panel>
        <Tabs.Panel value="audit" pt="md">
          <AuditPanel userId={id} />
        </Tabs.Panel>
      </Tabs>

      {action && (
        <BulkDialog action={action} names={new Map([[id, name || (data.login ?? id)]])} onClose={(changed) => {
          const deleted = changed && action === 'DELETE';
          setAction(null);
          if (deleted) {
            navigate('/users', { replace: true });
          } else if (changed) {
            void refresh();
          }
        }} />
      )}
    </Stack>
  );
}
