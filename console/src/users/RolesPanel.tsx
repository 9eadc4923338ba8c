import { useEffect, useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Checkbox, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { api, answer, ApiError, errorWords } from '../api/client';
import type { components } from '../api/user-service';
import { useRoles } from './lookups';

type ApiUser = components['schemas']['UserResponse'];

interface Props {
  user: ApiUser;
  etag?: string;
  manage: boolean;
  onSaved: () => void;
}

function sameSet(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((id) => b.includes(id));
}

/**
 * The roles a user holds, granted and taken away with the user's ETag. The service refuses a role the signed-in
 * person may not grant (one with a permission or departments beyond their own); the refusal is shown in its words.
 */
export function RolesPanel({ user, etag, manage, onSaved }: Props) {
  const roles = useRoles();
  const held = user.roleIds ?? [];
  const [chosen, setChosen] = useState<string[]>(held);
  useEffect(() => setChosen(user.roleIds ?? []), [user.roleIds]);
  const save = useMutation({
    mutationFn: (roleIds: string[]) => answer(api.PATCH('/users/{id}', {
      params: { path: { id: user.id as string }, header: { 'If-Match': etag } },
      body: { roleIds },
    })),
    onSuccess: onSaved,
  });

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="roles-heading">
      <Title order={2} size="h3" id="roles-heading" mb="sm">Roles</Title>
      {roles.isPending && <Loader size="sm" aria-label="Loading the roles" />}
      {roles.error && <Alert color="red" role="alert">{errorWords(roles.error)}</Alert>}
      {save.error && (
        <Alert color="red" role="alert" mb="sm" title="The roles were not changed">
          {save.error instanceof ApiError && save.error.stale
            ? 'Someone changed this user after you opened the card. Reload the page and choose the roles again.'
            : errorWords(save.error)}
        </Alert>
      )}
      {save.isSuccess && sameSet(chosen, held) && <Alert color="green" mb="sm">Roles saved. The user's sessions were ended.</Alert>}
      <Checkbox.Group value={chosen} onChange={setChosen} label="Roles this user holds">
        <Stack gap="xs" mt="xs">
          {(roles.data ?? []).map((role) => (
            <Checkbox key={role.id} value={role.id ?? ''} disabled={!manage || role.kind === 'OWNER'}
              label={role.name}
              description={role.kind === 'OWNER' ? 'Passed on by the Account Owner only'
                : role.departmentIds?.length ? `Over ${role.departmentIds.length} department(s)` : undefined} />
          ))}
        </Stack>
      </Checkbox.Group>
      {manage && (
        <Group justify="space-between" mt="md">
          <Text size="sm" c="gray.7">A change of roles signs the user out everywhere.</Text>
          <Button disabled={sameSet(chosen, held)} loading={save.isPending} onClick={() => save.mutate(chosen)}>
            Save roles
          </Button>
        </Group>
      )}
    </Paper>
  );
}
