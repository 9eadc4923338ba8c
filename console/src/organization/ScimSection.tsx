import { useEffect, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Badge, Button, Code, CopyButton, Group, Paper, Radio, Stack, Switch, Table, Text, TextInput, Title,
  VisuallyHidden } from '@mantine/core';
import { api, answer } from '../api/client';
import type { components } from '../api/user-service';
import { ConfirmDialog } from '../common/ConfirmDialog';
import { ProblemAlert } from '../common/ProblemAlert';
import { ScrollTable } from '../common/ScrollTable';
import { DEPROVISION_WORDS, type Deprovision } from './words';

type Token = components['schemas']['Listed'];

function when(instant?: string): string {
  return instant ? new Date(instant).toLocaleString() : 'Never';
}

/**
 * The Account Owner's SCIM provisioning: where identity providers connect, what their deactivating someone means
 * here, and their tokens (a new one's secret shown once; listed; revoked).
 */
export function ScimSection() {
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="scim-heading">
      <Stack>
        <div>
          <Title order={2} size="h3" id="scim-heading">SCIM provisioning</Title>
          <Text size="sm" mt={4}>
            Identity providers such as Entra ID and Okta create, change and deactivate users here through
            SCIM 2.0 at <Code>{`${window.location.origin}/scim/v2`}</Code>, each with a token of its own.
          </Text>
        </div>
        <Deprovisioning />
        <Tokens />
      </Stack>
    </Paper>
  );
}

/** What an identity provider's deactivating someone becomes in Roster. */
function Deprovisioning() {
  const queries = useQueryClient();
  const settings = useQuery({
    queryKey: ['scim-settings'],
    queryFn: () => answer(api.GET('/account/scim-settings')),
  });
  const [choice, setChoice] = useState<Deprovision>('INACTIVE');
  useEffect(() => {
    if (settings.data?.deprovision) setChoice(settings.data.deprovision);
  }, [settings.data]);
  const save = useMutation({
    mutationFn: () => answer(api.PUT('/account/scim-settings', { body: { deprovision: choice } })),
    onSuccess: (saved) => queries.setQueryData(['scim-settings'], saved),
  });

  return (
    <Stack gap="xs">
      <ProblemAlert error={settings.error} title="The SCIM settings could not be read" />
      <Radio.Group label="When an identity provider deactivates someone" value={choice}
        onChange={(value) => { setChoice(value as Deprovision); save.reset(); }}>
        <Stack gap="xs" mt="xs">
          {(Object.keys(DEPROVISION_WORDS) as Deprovision[]).map((value) => (
            <Radio key={value} value={value} label={DEPROVISION_WORDS[value]} />
          ))}
        </Stack>
      </Radio.Group>
      <Group>
        <Button variant="default" loading={save.isPending} disabled={!settings.isSuccess || choice === settings.data?.deprovision}
          onClick={() => save.mutate()}>
          Save setting
        </Button>
        {save.isSuccess && <Text size="sm" role="status">Saved.</Text>}
      </Group>
      <ProblemAlert error={save.error} title="Not saved" />
    </Stack>
  );
}

/** The account's SCIM tokens: a new one named for its identity provider, the list, a revocation. */
function Tokens() {
  const queries = useQueryClient();
  const tokens = useQuery({ queryKey: ['scim-tokens'], queryFn: () => answer(api.GET('/account/scim-tokens')) });
  const [name, setName] = useState('');
  const [revoking, setRevoking] = useState<Token | null>(null);
  const [withRevoked, setWithRevoked] = useState(false);
  const listed = (tokens.data ?? []).filter((token) => withRevoked || !token.revokedAt);
  const create = useMutation({
    mutationFn: () => answer(api.POST('/account/scim-tokens', { body: { name: name.trim() } })),
    onSuccess: async () => {
      setName('');
      await queries.invalidateQueries({ queryKey: ['scim-tokens'] });
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate();
  }

  return (
    <Stack gap="sm">
      <Title order={3} size="h4">Tokens</Title>
      <Group component="form" onSubmit={submit} align="flex-end" wrap="wrap">
        <TextInput label="New token's name" placeholder="e.g. Entra ID" maxLength={100} required value={name}
          onChange={(event) => setName(event.currentTarget.value)} />
        <Button type="submit" loading={create.isPending} disabled={!name.trim()}>Create token</Button>
      </Group>
      <ProblemAlert error={create.error} title="No token was created" />
      {create.data?.token && (
        <Alert color="green" title={`Token ${create.data.name ?? ''} created`}>
          <Stack gap="xs">
            <Text size="sm">Copy it into the identity provider now: Roster shows it only this once.</Text>
            <Code block aria-label="The new token" style={{ wordBreak: 'break-all' }}>{create.data.token}</Code>
            <Group>
              <CopyButton value={create.data.token}>
                {({ copied, copy }) => (
                  <Button size="xs" variant="default" onClick={copy}>{copied ? 'Copied' : 'Copy token'}</Button>
                )}
              </CopyButton>
              <Button size="xs" variant="subtle" onClick={() => create.reset()}>Done, hide it</Button>
            </Group>
          </Stack>
        </Alert>
      )}
      <ProblemAlert error={tokens.error} title="The tokens could not be listed" />
      <Switch label="Show revoked tokens" checked={withRevoked} onChange={(event) => setWithRevoked(event.currentTarget.checked)} />
      <ScrollTable label="SCIM tokens table" minWidth={600}>
        <Table striped aria-label="SCIM tokens" aria-busy={tokens.isFetching}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Created</Table.Th>
              <Table.Th>Last used</Table.Th>
              <Table.Th>State</Table.Th>
              <Table.Th><VisuallyHidden>Actions</VisuallyHidden></Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {listed.map((token) => (
              <Table.Tr key={token.id}>
                <Table.Td>{token.name}</Table.Td>
                <Table.Td>{when(token.createdAt)}</Table.Td>
                <Table.Td>{when(token.lastUsedAt)}</Table.Td>
                <Table.Td>
                  {token.revokedAt
                    ? <Badge color="gray" variant="dot" tt="none" c="dark">{`Revoked ${when(token.revokedAt)}`}</Badge>
                    : <Badge color="green" variant="dot" tt="none" c="dark">Active</Badge>}
                </Table.Td>
                <Table.Td>
                  {!token.revokedAt && (
                    <Button size="xs" variant="default" aria-label={`Revoke ${token.name}`}
                      onClick={() => setRevoking(token)}>
                      Revoke
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
            {tokens.isSuccess && listed.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={5}><Text ta="center" c="gray.7" py="sm">{withRevoked ? 'No tokens yet.' : 'No active tokens.'}</Text></Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      </ScrollTable>
      {revoking && (
        <ConfirmDialog title={`Revoke ${revoking.name}?`} confirmLabel="Revoke token"
          onConfirm={() => answer(api.DELETE('/account/scim-tokens/{id}', { params: { path: { id: revoking.id ?? '' } } }))}
          onClose={async (done) => {
            setRevoking(null);
            if (done) await queries.invalidateQueries({ queryKey: ['scim-tokens'] });
          }}>
          <Text>The identity provider using it is refused from its next request on. This cannot be undone.</Text>
        </ConfirmDialog>
      )}
    </Stack>
  );
}
