import { useEffect, useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Group, Paper, Select, SimpleGrid, TextInput, Title } from '@mantine/core';
import { api, answer, ApiError, errorWords } from '../api/client';
import type { components } from '../api/user-service';
import { departmentChoices, useDepartments } from './lookups';
import { UserPicker } from '../common/UserPicker';

type ApiUser = components['schemas']['UserResponse'];

interface Details {
  firstName: string;
  lastName: string;
  login: string;
  email: string;
  jobTitle: string;
  phone: string;
  departmentId: string | null;
  supervisorId: string | null;
}

const FIELDS: Array<{ key: keyof Omit<Details, 'departmentId' | 'supervisorId'>; label: string; required?: boolean;
  type?: string }> = [
  { key: 'firstName', label: 'First name', required: true },
  { key: 'lastName', label: 'Last name', required: true },
  { key: 'login', label: 'Login', required: true },
  { key: 'email', label: 'Email', required: true, type: 'email' },
  { key: 'jobTitle', label: 'Job title' },
  { key: 'phone', label: 'Phone', type: 'tel' },
];

function detailsOf(user: ApiUser): Details {
  return {
    firstName: user.firstName ?? '', lastName: user.lastName ?? '', login: user.login ?? '', email: user.email ?? '',
    jobTitle: user.jobTitle ?? '', phone: user.phone ?? '', departmentId: user.departmentId ?? null,
    supervisorId: user.supervisorId ?? null,
  };
}

interface Props {
  user: ApiUser;
  /** The ETag the user was read at: a save sends it back, so another person's change in between is never overwritten. */
  etag?: string;
  manage: boolean;
  onSaved: () => void;
  onReload: () => void;
}

/** Personal Information: names, login, email, job title, phone, department and supervisor, saved with the ETag. */
export function PersonalInformation({ user, etag, manage, onSaved, onReload }: Props) {
  const [details, setDetails] = useState<Details>(() => detailsOf(user));
  const [supervisorName, setSupervisorName] = useState<string | null>(null);
  const departments = useDepartments();
  const supervisor = useQuery({
    queryKey: ['user', user.supervisorId, 'name'],
    queryFn: () => answer(api.GET('/users/{id}', { params: { path: { id: user.supervisorId as string } } })),
    enabled: Boolean(user.supervisorId),
  });

  useEffect(() => setDetails(detailsOf(user)), [user]);

  const save = useMutation({
    mutationFn: (changed: Details) => answer(api.PATCH('/users/{id}', {
      params: { path: { id: user.id as string }, header: { 'If-Match': etag } },
      body: {
        firstName: changed.firstName, lastName: changed.lastName, login: changed.login, email: changed.email,
        jobTitle: changed.jobTitle, phone: changed.phone, departmentId: changed.departmentId ?? undefined,
        supervisorId: changed.supervisorId ?? undefined,
        clearSupervisor: changed.supervisorId === null && Boolean(user.supervisorId) ? true : undefined,
      },
    })),
    onSuccess: onSaved,
  });
  const stale = save.error instanceof ApiError && save.error.stale;

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate(details);
  }

  const currentSupervisor = supervisor.data
    ? `${supervisor.data.firstName ?? ''} ${supervisor.data.lastName ?? ''} (${supervisor.data.login ?? ''})` : undefined;

  return (
    <Paper withBorder p="md" component="form" onSubmit={submit} aria-labelledby="personal-information">
      <Title order={2} size="h3" id="personal-information" mb="sm">Personal Information</Title>
      {save.error && (
        <Alert color={stale ? 'orange' : 'red'} role="alert" mb="sm" title={stale ? 'Changed by someone else' : 'Not saved'}>
          {stale
            ? 'Someone changed this user after you opened the card, so your change was not saved over theirs. '
              + 'Reload to see the user as it is now, then make your change again.'
            : errorWords(save.error)}
          {stale && (
            <Button size="xs" ml="sm" variant="default" onClick={() => { save.reset(); onReload(); }}>
              Reload
            </Button>
          )}
        </Alert>
      )}
      {save.isSuccess && <Alert color="green" mb="sm">Saved.</Alert>}
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        {FIELDS.map((field) => (
          <TextInput key={field.key} label={field.label} required={field.required} type={field.type} autoComplete="off"
            readOnly={!manage} value={details[field.key]}
            onChange={(event) => {
              const value = event.currentTarget.value;
              setDetails((before) => ({ ...before, [field.key]: value }));
            }} />
        ))}
        <Select label="Department" readOnly={!manage} searchable data={departmentChoices(departments.data)}
          value={details.departmentId} allowDeselect={false}
          onChange={(value) => setDetails((before) => ({ ...before, departmentId: value }))} />
        <UserPicker label="Supervisor" readOnly={!manage} value={details.supervisorId} exclude={user.id}
          valueName={supervisorName ?? currentSupervisor}
          onChange={(id, name) => { setSupervisorName(name); setDetails((before) => ({ ...before, supervisorId: id })); }} />
      </SimpleGrid>
      {manage && (
        <Group justify="flex-end" mt="md">
          <Button type="submit" loading={save.isPending}>Save</Button>
        </Group>
      )}
    </Paper>
  );
}
