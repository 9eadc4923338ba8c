import { useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Anchor, Button, Group, Loader, Menu, Paper, SimpleGrid, Stack, Text, TextInput,
  Title } from '@mantine/core';
import { api, answer, answered, ApiError } from '../api/client';
import { problemWords } from '../api/problem';
import { can } from '../session/session';
import { BulkDialog } from './BulkDialog';
import { StatusBadge } from './StatusBadge';
import { ACTION_WORDS, type BulkAction, formatDate, STATUS_WORDS, type UserStatus } from './words';

interface Details {
  firstName: string;
  lastName: string;
  login: string;
  email: string;
  jobTitle: string;
  phone: string;
}

const FIELDS: Array<{ key: keyof Details; label: string; required?: boolean; type?: string; autoComplete: string }> = [
  { key: 'firstName', label: 'First name', required: true, autoComplete: 'off' },
  { key: 'lastName', label: 'Last name', required: true, autoComplete: 'off' },
  { key: 'login', label: 'Login', required: true, autoComplete: 'off' },
  { key: 'email', label: 'Email', required: true, type: 'email', autoComplete: 'off' },
  { key: 'jobTitle', label: 'Job title', autoComplete: 'off' },
  { key: 'phone', label: 'Phone', type: 'tel', autoComplete: 'off' },
];

function words(error: unknown): string {
  return error instanceof ApiError ? problemWords(error.problem) : String(error);
}

/**
 * The user card: Personal Information (saved with the ETag it was read at, so another person's change in between is
 * never overwritten), the status with Change now or on a date, the scheduled change and its cancellation, Delete User,
 * and the invitation.
 */
export function UserCardPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const queries = useQueryClient();
  const user = useQuery({
    queryKey: ['user', id],
    queryFn: async () => {
      const { data, response } = await answered(api.GET('/users/{id}', { params: { path: { id } } }));
      return { data, etag: response.headers.get('ETag') ?? undefined };
    },
  });
  const [details, setDetails] = useState<Details | null>(null);
  const [action, setAction] = useState<BulkAction | null>(null);

  useEffect(() => {
    if (user.data) {
      const data = user.data.data;
      setDetails({
        firstName: data.firstName ?? '', lastName: data.lastName ?? '', login: data.login ?? '',
        email: data.email ?? '', jobTitle: data.jobTitle ?? '', phone: data.phone ?? '',
      });
    }
  }, [user.data]);

  const save = useMutation({
    mutationFn: (changed: Details) => answer(api.PATCH('/users/{id}', {
      params: { path: { id }, header: { 'If-Match': user.data?.etag } },
      body: {
        firstName: changed.firstName, lastName: changed.lastName, login: changed.login, email: changed.email,
        jobTitle: changed.jobTitle, phone: changed.phone,
      },
    })),
    onSuccess: () => queries.invalidateQueries({ queryKey: ['user', id] }),
  });
  const cancelScheduled = useMutation({
    mutationFn: () => answer(api.DELETE('/users/{id}/scheduled-status-change', { params: { path: { id } } })),
    onSuccess: () => queries.invalidateQueries({ queryKey: ['user', id] }),
  });
  const invite = useMutation({
    mutationFn: () => answer(api.POST('/users/{id}/invitation', { params: { path: { id } } })),
  });

  if (user.isPending) {
    return <Loader aria-label="Loading the user" />;
  }
  if (user.error) {
    return (
      <Alert color="red" role="alert" title="This user could not be shown">
        {words(user.error)} <Anchor component={Link} to="/users">Back to the users</Anchor>
      </Alert>
    );
  }
  const data = user.data.data;
  const status = (data.status ?? 'ACTIVE') as UserStatus;
  const scheduled = data.scheduledStatusChange;
  const name = `${data.firstName ?? ''} ${data.lastName ?? ''}`.trim();
  const manage = can('USERS_MANAGE');
  const changes: BulkAction[] = (['ACTIVATE', 'DEACTIVATE', 'END_EMPLOYMENT'] as BulkAction[]).filter((candidate) =>
    !(candidate === 'ACTIVATE' && status === 'ACTIVE') && !(candidate === 'DEACTIVATE' && status === 'INACTIVE')
    && !(candidate === 'END_EMPLOYMENT' && status === 'EMPLOYMENT_ENDED'));

  function submit(event: FormEvent) {
    event.preventDefault();
    if (details) save.mutate(details);
  }

  return (
    <Stack maw={900}>
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
      {cancelScheduled.error && <Alert color="red" role="alert">{words(cancelScheduled.error)}</Alert>}

      <Paper withBorder p="md" component="form" onSubmit={submit} aria-labelledby="personal-information">
        <Title order={2} size="h3" id="personal-information" mb="sm">Personal Information</Title>
        {save.error && (
          <Alert color={save.error instanceof ApiError && save.error.stale ? 'orange' : 'red'} role="alert" mb="sm"
            title={save.error instanceof ApiError && save.error.stale ? 'Changed by someone else' : 'Not saved'}>
            {save.error instanceof ApiError && save.error.stale
              ? 'Someone changed this user after you opened the card, so your change was not saved over theirs. '
                + 'Reload to see the user as it is now, then make your change again.'
              : words(save.error)}
            {save.error instanceof ApiError && save.error.stale && (
              <Button size="xs" ml="sm" variant="default" onClick={() => { save.reset(); void user.refetch(); }}>
                Reload
              </Button>
            )}
          </Alert>
        )}
        {save.isSuccess && <Alert color="green" mb="sm">Saved.</Alert>}
        {details && (
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {FIELDS.map((field) => (
              <TextInput key={field.key} label={field.label} required={field.required} type={field.type}
                autoComplete={field.autoComplete} readOnly={!manage} value={details[field.key]}
                onChange={(event) => {
                  const value = event.currentTarget.value;
                  setDetails((before) => (before ? { ...before, [field.key]: value } : before));
                }} />
            ))}
          </SimpleGrid>
        )}
        {manage && (
          <Group justify="flex-end" mt="md">
            <Button type="submit" loading={save.isPending}>Save</Button>
          </Group>
        )}
      </Paper>

      {manage && (
        <Paper withBorder p="md" aria-labelledby="sign-in-heading" component="section">
          <Title order={2} size="h3" id="sign-in-heading" mb="sm">Sign-in</Title>
          <Text size="sm" mb="sm">
            {data.lastSignInAt ? `Last signed in ${new Date(data.lastSignInAt).toLocaleString()}.` : 'Has never signed in.'}
          </Text>
          {invite.isSuccess && <Alert color="green" mb="sm">Invitation sent: the email's link sets a password once.</Alert>}
          {invite.error && <Alert color="red" role="alert" mb="sm">{words(invite.error)}</Alert>}
          <Button variant="default" loading={invite.isPending} disabled={status !== 'ACTIVE'} onClick={() => invite.mutate()}>
            Send invitation
          </Button>
        </Paper>
      )}

      {action && (
        <BulkDialog action={action} names={new Map([[id, name || (data.login ?? id)]])} onClose={(changed) => {
          const deleted = changed && action === 'DELETE';
          setAction(null);
          if (deleted) {
            navigate('/users', { replace: true });
          } else if (changed) {
            void queries.invalidateQueries({ queryKey: ['user', id] });
          }
        }} />
      )}
    </Stack>
  );
}
