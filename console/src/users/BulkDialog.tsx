import { useState } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Group, Loader, Modal, Radio, Stack, Text, TextInput } from '@mantine/core';
import { ApiError } from '../api/client';
import { problemWords } from '../api/problem';
import { hasImpactPreview, previewImpact, runBulk } from './bulk';
import { BulkOutcome } from './BulkOutcome';
import { ImpactSummary } from './ImpactSummary';
import { ACTION_WORDS, plural, type BulkAction } from './words';

// inside the page's main landmark (a dialog's header in a portal would be a second banner), with a named close button

function words(error: unknown): string {
  return error instanceof ApiError ? problemWords(error.problem) : String(error);
}

/**
 * A bulk action in three steps: now or on a date; what it will do (the impact preview, or the action tried with
 * dryRun for a date), confirmed; then per user what it did.
 */
export function BulkDialog({ action, names, onClose }: {
  action: BulkAction;
  names: Map<string, string>;
  onClose: (changed: boolean) => void;
}) {
  const userIds = [...names.keys()];
  const meta = ACTION_WORDS[action];
  const [when, setWhen] = useState<'now' | 'date'>('now');
  const [date, setDate] = useState('');
  const effectiveDate = meta.schedulable && when === 'date' && date ? date : null;
  const ready = !(meta.schedulable && when === 'date' && !date);

  const preview = useQuery({
    queryKey: ['bulk-preview', action, effectiveDate, userIds],
    queryFn: async () => hasImpactPreview(action, effectiveDate)
      ? { impact: await previewImpact(action, userIds) }
      : { tried: await runBulk(action, userIds, effectiveDate, true) },
    enabled: ready,
    retry: false,
    staleTime: 0,
    gcTime: 0,
  });
  const run = useMutation({ mutationFn: () => runBulk(action, userIds, effectiveDate, false) });
  const title = `${meta.verb}: ${plural(userIds.length, 'user')}`;

  if (run.isSuccess) {
    return (
      <Modal opened onClose={() => onClose(true)} title={title} size="lg">
        <Stack>
          <BulkOutcome outcome={run.data} names={names} />
          <Group justify="flex-end">
            <Button onClick={() => onClose(true)}>Done</Button>
          </Group>
        </Stack>
      </Modal>
    );
  }

  return (
    <Modal opened onClose={() => onClose(false)} title={title} size="lg">
      <Stack>
        {meta.schedulable && (
          <Radio.Group label="When" value={when} onChange={(value) => setWhen(value as 'now' | 'date')}>
            <Group mt="xs">
              <Radio value="now" label="Now" />
              <Radio value="date" label="On a date" />
            </Group>
          </Radio.Group>
        )}
        {meta.schedulable && when === 'date' && (
          <TextInput type="date" label="Effective date (at 23:59, account time)" required value={date}
            onChange={(event) => setDate(event.currentTarget.value)} />
        )}
        <Stack gap="xs" aria-live="polite">
          <Text fw={600}>What will happen</Text>
          {!ready && <Text size="sm" c="gray.7">Pick the date first.</Text>}
          {ready && preview.isFetching && <Group gap="xs"><Loader size="sm" /><Text size="sm">Working it out…</Text></Group>}
          {preview.error && <Alert color="red" role="alert">{words(preview.error)}</Alert>}
          {!preview.isFetching && preview.data?.impact && <ImpactSummary impact={preview.data.impact} />}
          {!preview.isFetching && preview.data?.tried && <BulkOutcome outcome={preview.data.tried} names={names} />}
        </Stack>
        {run.error && <Alert color="red" role="alert" title="Nothing was changed">{words(run.error)}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={() => onClose(false)}>Cancel</Button>
          <Button color={action === 'DELETE' ? 'red' : undefined} loading={run.isPending}
            disabled={!ready || !preview.isSuccess || preview.isFetching} onClick={() => run.mutate()}>
            {effectiveDate ? `${meta.verb} on ${effectiveDate}` : meta.schedulable ? `${meta.verb} now` : meta.verb}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
