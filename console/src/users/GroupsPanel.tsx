import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Badge, Button, Group, Loader, Paper, Select, Table, Text, Title,
  VisuallyHidden } from '@mantine/core';
import { api, answer, errorWords } from '../api/client';
import { useGroups } from './lookups';

interface Props {
  userId: string;
  manage: boolean;
}

/**
 * The groups a user is in: static groups (added and removed here) and smart groups, which follow their rules (the
 * department and job title on Personal Information) and cannot be joined or left by hand.
 */
export function GroupsPanel({ userId, manage }: Props) {
  const queries = useQueryClient();
  const memberships = useQuery({
    queryKey: ['user', userId, 'groups'],
    queryFn: () => answer(api.GET('/users/{id}/groups', { params: { path: { id: userId } } })),
  });
  const groups = useGroups();
  const [adding, setAdding] = useState<string | null>(null);
  const changed = () => Promise.all([
    queries.invalidateQueries({ queryKey: ['user', userId, 'groups'] }),
    queries.invalidateQueries({ queryKey: ['groups'] }),
  ]);
  const add = useMutation({
    mutationFn: (groupId: string) => answer(api.POST('/groups/{id}/members', {
      params: { path: { id: groupId } }, body: { userIds: [userId] },
    })),
    onSuccess: async () => { setAdding(null); await changed(); },
  });
  const remove = useMutation({
    mutationFn: (groupId: string) => answer(api.DELETE('/groups/{id}/members/{userId}', {
      params: { path: { id: groupId, userId } },
    })),
    onSuccess: changed,
  });

  const current = memberships.data ?? [];
  const joinable = (groups.data ?? [])
    .filter((group) => group.kind === 'STATIC' && group.id && !current.some((member) => member.groupId === group.id))
    .map((group) => ({ value: group.id as string, label: group.name ?? '' }));

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="groups-heading">
      <Title order={2} size="h3" id="groups-heading" mb="sm">Groups</Title>
      {memberships.isPending && <Loader size="sm" aria-label="Loading the groups" />}
      {[memberships.error, add.error, remove.error].filter(Boolean).map((error, index) => (
        <Alert key={index} color="red" role="alert" mb="sm">{errorWords(error)}</Alert>
      ))}
      {memberships.isSuccess && current.length === 0 && <Text size="sm">Not in any group.</Text>}
      {current.length > 0 && (
        <Table aria-label="Groups of this user" mb="sm">
          <Table.Thead>
            <Table.Tr><Table.Th>Group</Table.Th><Table.Th>Kind</Table.Th><Table.Th><VisuallyHidden>Actions</VisuallyHidden></Table.Th></Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {current.map((member) => (
              <Table.Tr key={member.groupId}>
                <Table.Td>{member.name}</Table.Td>
                <Table.Td>
                  <Badge variant="light" color={member.kind === 'SMART' ? 'grape.9' : 'blue.9'}>
                    {member.kind === 'SMART' ? 'Smart (by its rules)' : 'Static'}
                  </Badge>
                </Table.Td>
                <Table.Td ta="right">
                  {manage && member.kind === 'STATIC' && (
                    <Button size="xs" variant="default" loading={remove.isPending && remove.variables === member.groupId}
                      onClick={() => remove.mutate(member.groupId as string)}>
                      {`Remove from ${member.name}`}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {manage && (
        <Group align="flex-end">
          <Select label="Add to a static group" placeholder={joinable.length ? 'Choose a group' : 'No other static group'}
            data={joinable} value={adding} onChange={setAdding} searchable disabled={joinable.length === 0} w={280} />
          <Button disabled={!adding} loading={add.isPending} onClick={() => adding && add.mutate(adding)}>Add</Button>
        </Group>
      )}
    </Paper>
  );
}
