import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Anchor, Button, Group, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { api, answer } from '../api/client';
import type { components } from '../api/user-service';
import { can } from '../session/session';
import { ConfirmDialog } from '../common/ConfirmDialog';
import { ProblemAlert } from '../common/ProblemAlert';
import { ScrollTable } from '../common/ScrollTable';
import { RoleDialog } from './RoleDialog';
import { useDepartments, useRoles } from './queries';
import { permissionsWords, ROLE_KIND_WORDS } from './words';

type ApiRole = components['schemas']['RoleResponse'];
type Dialog = { kind: 'open'; role?: ApiRole } | { kind: 'delete'; role: ApiRole };

/**
 * The account's roles: the built-in ones and custom ones, each with its permissions in words and the departments it
 * applies to; a role opened to see or change it, a new custom role, a custom role deleted.
 */
export function RolesPage() {
  const roles = useRoles();
  const { pathOf } = useDepartments();
  const queries = useQueryClient();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const manage = can('ROLES_MANAGE');

  function departmentsOf(role: ApiRole): string {
    if (!role.departmentIds || role.departmentIds.length === 0) return 'The whole account';
    return role.departmentIds.map((id) => pathOf(id) ?? 'A department you cannot see').join('; ');
  }

  async function closed(changed: boolean) {
    setDialog(null);
    if (changed) await queries.invalidateQueries({ queryKey: ['roles'] });
  }

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Title order={1}>Roles</Title>
        {manage && <Button onClick={() => setDialog({ kind: 'open' })}>New role</Button>}
      </Group>
      <Text maw={760}>
        A role is a set of permissions, for the whole account or for some departments and everything below them.
        {manage
          ? ' You may create and change custom roles with the permissions you hold, but not a role you hold yourself.'
          : ' Only people who may manage roles change them.'}
      </Text>
      <ProblemAlert error={roles.error} title="The roles could not be listed" />
      <ScrollTable label="Roles table" minWidth={720}>
        <Table striped aria-label="Roles" aria-busy={roles.isFetching}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Kind</Table.Th>
              <Table.Th>Permissions</Table.Th>
              <Table.Th>Applies to</Table.Th>
              {manage && <Table.Th><VisuallyHidden>Actions</VisuallyHidden></Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(roles.data ?? []).map((role) => (
              <Table.Tr key={role.id}>
                <Table.Td>
                  <Anchor component="button" type="button" onClick={() => setDialog({ kind: 'open', role })}>
                    {role.name}
                  </Anchor>
                </Table.Td>
                <Table.Td>{role.kind ? ROLE_KIND_WORDS[role.kind] : ''}</Table.Td>
                <Table.Td>
                  {permissionsWords(role.permissions ?? [])}
                </Table.Td>
                <Table.Td>{departmentsOf(role)}</Table.Td>
                {manage && (
                  <Table.Td>
                    {role.kind === 'CUSTOM' && (
                      <Button size="xs" variant="default" aria-label={`Delete ${role.name}`}
                        onClick={() => setDialog({ kind: 'delete', role })}>
                        Delete
                      </Button>
                    )}
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollTable>

      {dialog?.kind === 'open' && <RoleDialog role={dialog.role} onClose={closed} />}
      {dialog?.kind === 'delete' && (
        <ConfirmDialog title={`Delete ${dialog.role.name}?`} confirmLabel="Delete role" onClose={closed}
          onConfirm={() => answer(api.DELETE('/roles/{id}', { params: { path: { id: dialog.role.id ?? '' } } }))}>
          <Text>Everyone who holds this role loses it and its permissions, and signs in again.</Text>
        </ConfirmDialog>
      )}
    </Stack>
  );
}
