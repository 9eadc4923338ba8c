import { useEffect, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Group, Loader, NumberInput, Paper, Progress, Select, SimpleGrid, Stack, Text, TextInput,
  Title } from '@mantine/core';
import { api, answer } from '../api/client';
import { can } from '../session/session';

import { ProblemAlert } from '../common/ProblemAlert';
import { ScimSection } from './ScimSection';
import { seatWords, timeZones } from './words';

interface Details {
  name: string;
  timeZone: string | null;
  seatLimit: number | string;
}

/**
 * The account: seats used against the limit; its name, time zone and seat limit; and, for the Account Owner, SCIM
 * provisioning (what deprovisioning means, the identity providers' tokens).
 */
export function AccountPage() {
  const queries = useQueryClient();
  const account = useQuery({ queryKey: ['account'], queryFn: () => answer(api.GET('/account')) });
  const me = useQuery({ queryKey: ['me'], queryFn: () => answer(api.GET('/me')) });
  const [details, setDetails] = useState<Details | null>(null);
  const manage = can('ACCOUNT_MANAGE');

  useEffect(() => {
    if (account.data) {
      setDetails({
        name: account.data.name ?? '',
        timeZone: account.data.timeZone ?? null,
        seatLimit: account.data.seatLimit ?? 1,
      });
    }
  }, [account.data]);

  const save = useMutation({
    mutationFn: (changed: Details) => answer(api.PATCH('/account', {
      body: {
        name: changed.name.trim(),
        timeZone: changed.timeZone ?? undefined,
        seatLimit: Number(changed.seatLimit),
      },
    })),
    onSuccess: (saved) => queries.setQueryData(['account'], saved),
  });

  if (account.isPending) {
    return <Loader aria-label="Loading the account" />;
  }
  if (account.error) {
    return <ProblemAlert error={account.error} title="The account could not be shown" />;
  }
  const data = account.data;
  const seats = seatWords(Number(data.seatsUsed ?? 0), Number(data.seatLimit ?? 0));
  const owner = Boolean(me.data?.id && me.data.id === data.ownerId);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (details) save.mutate(details);
  }

  return (
    <Stack maw={900}>
      <Title order={1}>Account</Title>

      <Paper withBorder p="md" component="section" aria-labelledby="seats-heading">
        <Title order={2} size="h3" id="seats-heading" mb="sm">Seats</Title>
        <Progress.Root size="lg" mb="xs">
          <Progress.Section value={seats.percent} color={seats.full ? 'red' : 'blue'} withAria={false}
            role="progressbar" aria-labelledby="seats-heading" aria-valuemin={0} aria-valuemax={Number(data.seatLimit ?? 0)}
            aria-valuenow={Number(data.seatsUsed ?? 0)} aria-valuetext={seats.text} />
        </Progress.Root>
        <Text>{seats.text}.</Text>
        <Text size="sm" c="gray.7">
          {seats.full
            ? 'The account is full: a new user is created inactive, and nobody more can be activated.'
            : 'Only active users take a seat; inactive users and those whose employment ended do not.'}
        </Text>
      </Paper>

      <Paper withBorder p="md" component="form" onSubmit={submit} aria-labelledby="account-details">
        <Title order={2} size="h3" id="account-details" mb="sm">Details</Title>
        {save.isSuccess && <Alert color="green" mb="sm">Saved.</Alert>}
        {save.error && <div style={{ marginBottom: 12 }}><ProblemAlert error={save.error} title="Not saved" /></div>}
        {details && (
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label="Name" required maxLength={200} readOnly={!manage} value={details.name}
              onChange={(event) => {
                const name = event.currentTarget.value;
                setDetails((before) => (before ? { ...before, name } : before));
              }} />
            <TextInput label="Account ID (for signing in)" readOnly value={data.slug ?? ''} />
            <Select label="Time zone" required searchable readOnly={!manage} data={timeZones(data.timeZone)}
              value={details.timeZone} nothingFoundMessage="No time zone matches" limit={100}
              description="Scheduled status changes take effect at 23:59 in this time zone."
              onChange={(timeZone) => setDetails((before) => (before ? { ...before, timeZone } : before))} />
            <NumberInput label="Seat limit" required min={1} max={1_000_000} readOnly={!manage} value={details.seatLimit}
              description="How many users may be active at once."
              onChange={(seatLimit) => setDetails((before) => (before ? { ...before, seatLimit } : before))} />
          </SimpleGrid>
        )}
        {manage && (
          <Group justify="flex-end" mt="md">
            <Button type="submit" loading={save.isPending}>Save</Button>
          </Group>
        )}
      </Paper>

      {owner && <ScimSection />}
    </Stack>
  );
}
