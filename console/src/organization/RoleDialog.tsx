import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Checkbox, Group, Modal, MultiSelect, Stack, Text, TextInput } from '@mantine/core';
import { api, answer } from '../api/client';
import type { components } from '../api/user-service';
import { can } from '../session/session';

import { useEscapeInDropdown } from '../common/inputs';
import { ProblemAlert } from '../common/ProblemAlert';
import { useDepartments } from './queries';
import { departmentOptions } from './tree';
import { CUSTOM_ROLE_PERMISSIONS, PERMISSIONS, type Permission } from './words';

type ApiRole = components['schemas']['RoleResponse'];

/**
 * A role's permissions (each in words) and the departments it applies to: read only for a built-in role or for a
 * person who may not manage roles; otherwise a custom role created or changed. The service refuses what the signed-in
 * person may not grant, and its refusal is shown in words.
 */
export function RoleDialog({ role, onClose }: { role?: ApiRole; onClose: (changed: boolean) => void }) {
  const { query: tree, roots } = useDepartments();
  const editable = can('ROLES_MANAGE') && (!role || role.kind === 'CUSTOM');
  const [name, setName] = useState(role?.name ?? '');
  const [permissions, setPermissions] = useState<string[]>(role?.permissions ?? []);
  const [departments, setDepartments] = useState<string[]>(role?.departmentIds ?? []);
  const escape = useEscapeInDropdown();
  const choices = editable ? CUSTOM_ROLE_PERMISSIONS : PERMISSIONS;
  const known = departmentOptions(roots);
  // a department outside the reader's own scope is still named, if not by its path
  const scopeOptions = [...known, ...departments.filter((id) => tree.isSuccess && !known.some((option) => option.value === id))
    .map((id) => ({ value: id, label: 'A department you cannot see' }))];

  const save = useMutation({
    mutationFn: () => {
      const body = { name: name.trim(), permissions: permissions as Permission[], departmentIds: departments };
      return role?.id
        ? answer(api.PUT('/roles/{id}', { params: { path: { id: role.id } }, body }))
        : answer(api.POST('/roles', { body }));
    },
    onSuccess: () => onClose(true),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate();
  }

  return (
    <Modal opened onClose={() => onClose(false)} size="lg"
      title={role ? (editable ? `Edit ${role.name}` : role.name) : 'New role'}>
      <Stack component="form" onSubmit={submit}>
        {role && role.kind !== 'CUSTOM' && (
          <Alert color="gray">A built-in role: its permissions are fixed.</Alert>
        )}
        <TextInput label="Name" required maxLength={100} readOnly={!editable} value={name} data-autofocus
          onChange={(event) => setName(event.currentTarget.value)} />
        <Checkbox.Group label="Permissions" value={permissions} onChange={setPermissions} readOnly={!editable}
          required={editable}>
          <Stack gap="sm" mt="xs">
            {choices.map((permission) => {
              const held = can(permission.value);
              return (
                <Checkbox key={permission.value} value={permission.value} label={permission.label}
                  disabled={!editable} description={editable && !held
                    ? `${permission.description} You do not hold it, so you cannot grant it.`
                    : permission.description} />
              );
            })}
          </Stack>
        </Checkbox.Group>
        <MultiSelect {...escape} label="Departments it applies to" data={scopeOptions} value={departments}
          onChange={setDepartments} searchable clearable={editable} readOnly={!editable}
          placeholder={departments.length ? undefined : 'The whole account'}
          nothingFoundMessage="No department matches"
          description="Each department with everything below it. None: the whole account." />
        {editable && (
          <Text size="sm" c="gray.7">
            You may give a role only permissions you hold, for departments where you hold them (and may manage roles),
            and never change a role you hold yourself. The people who hold a changed role sign in again.
          </Text>
        )}
        <ProblemAlert error={save.error} title="Not saved" />
        <Group justify="flex-end">
          <Button variant="default" onClick={() => onClose(false)}>{editable ? 'Cancel' : 'Close'}</Button>
          {editable && (
            <Button type="submit" loading={save.isPending} disabled={!name.trim() || permissions.length === 0}>
              {role ? 'Save' : 'Create role'}
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}
