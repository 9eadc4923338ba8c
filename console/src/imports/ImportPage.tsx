import { Link, useParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Anchor, Button, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { answer, errorWords, importApi } from '../api/client';
import type { components } from '../api/import-service';
import { plural } from '../users/words';
import { ApplyProgress } from './ApplyProgress';
import { DownloadButton } from './DownloadButton';
import { PreviewRows } from './PreviewRows';
import { StateBadge } from './StateBadge';
import { Totals } from './Totals';
import { confirmWords, formatDateTime, formatSize, progressFigures } from './words';

type Job = components['schemas']['ImportResponse'];

/** A previewed import: what confirming will do, Confirm or Discard. */
function ConfirmBar({ job }: { job: Job }) {
  const id = job.id ?? '';
  const queries = useQueryClient();
  const settle = (changed: Job | undefined) => {
    if (changed) queries.setQueryData(['import', id], changed);
    void queries.invalidateQueries({ queryKey: ['import', id] });
    void queries.invalidateQueries({ queryKey: ['imports'] });
  };
  // refused too (someone else confirmed or discarded it meanwhile): the page shows the import as it now is
  const confirm = useMutation({
    mutationFn: () => answer(importApi.POST('/imports/{id}/confirm', { params: { path: { id } } })),
    onSuccess: settle,
    onError: () => settle(undefined),
  });
  const discard = useMutation({
    mutationFn: () => answer(importApi.DELETE('/imports/{id}', { params: { path: { id } } })),
    onSettled: () => settle(undefined),
  });
  const preparing = job.state === 'PREPARING';
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        {preparing ? (
          <Group gap="xs" aria-live="polite">
            <Loader size="sm" />
            <Text>Checking the file: its passwords are being secured. Confirm once this is done.</Text>
          </Group>
        ) : (
          <Text aria-live="polite">{confirmWords(job.summary)} Nothing changes until you confirm.</Text>
        )}
        {(confirm.error || discard.error) && (
          <Alert color="red" role="alert" title={confirm.error ? 'The import was not confirmed' : 'The import was not discarded'}>
            {errorWords(confirm.error ?? discard.error)}
          </Alert>
        )}
        <Group>
          <Button disabled={preparing || discard.isPending} loading={confirm.isPending} onClick={() => confirm.mutate()}>
            Confirm import
          </Button>
          <Button variant="default" disabled={confirm.isPending} loading={discard.isPending}
            onClick={() => discard.mutate()}>
            Discard
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

/** A finished import: how many rows were applied and refused, and the report with every row's outcome. */
function Outcome({ job }: { job: Job }) {
  const progress = job.progress;
  const refused = progress?.refused ?? 0;
  const skipped = (job.summary?.invalid ?? 0) + (job.summary?.unchanged ?? 0);
  return (
    <Alert color={refused > 0 ? 'orange' : 'green'} title="The import is done">
      <Stack gap="xs">
        <Text size="sm">
          {(progress?.total ?? 0) === 0 ? 'Nothing in this file changed a user.'
            : `${plural(progress?.applied ?? 0, 'row')} applied, ${refused.toLocaleString('en')} refused.`}
          {skipped > 0 ? ` ${plural(skipped, 'row')} skipped (invalid or unchanged).` : ''}
          {` Finished ${formatDateTime(job.completedAt)}.`}
        </Text>
        <Text size="sm">The report lists every row with what it did and why.</Text>
      </Stack>
    </Alert>
  );
}

/**
 * One import: its totals and rows (the preview), Confirm or Discard; once confirmed, the progress of applying it,
 * followed live; then the outcome and the report.
 */
export function ImportPage() {
  const { id = '' } = useParams();
  const job = useQuery({
    queryKey: ['import', id],
    queryFn: () => answer(importApi.GET('/imports/{id}', { params: { path: { id } } })),
    // followed while its passwords are hashed and while it is applied
    refetchInterval: (query) =>
      query.state.data?.state === 'PREPARING' || query.state.data?.state === 'CONFIRMED' ? 1000 : false,
  });

  if (job.isPending) {
    return <Loader aria-label="Loading the import" />;
  }
  if (!job.data) {
    return (
      <Alert color="red" role="alert" title="This import could not be shown">
        {errorWords(job.error)} <Anchor component={Link} to="/imports">Back to import and export</Anchor>
      </Alert>
    );
  }
  const data = job.data;
  const state = data.state ?? 'PREVIEW';
  const answered = progressFigures(data.progress).done;

  return (
    <Stack maw={1200}>
      <Anchor component={Link} to="/imports" size="sm">← Import and export</Anchor>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Title order={1}>{`Import of ${data.fileName || 'an unnamed file'}`}</Title>
          <Group gap="xs">
            <StateBadge state={state} />
            <Text size="sm" c="gray.7">
              {`Uploaded ${formatDateTime(data.createdAt)} · ${data.format ?? ''} · ${formatSize(data.fileSize)}`}
            </Text>
          </Group>
        </Stack>
        <DownloadButton label="Download the report" fallbackName="import-report.xlsx"
          fetchFile={() => importApi.GET('/imports/{id}/report', { params: { path: { id } }, parseAs: 'blob' })} />
      </Group>

      {job.error && (
        <Alert color="orange" role="alert" title="The import could not be refreshed">{errorWords(job.error)}</Alert>
      )}
      <Totals summary={data.summary} />
      {(state === 'PREVIEW' || state === 'PREPARING') && <ConfirmBar job={data} />}
      {(state === 'CONFIRMED' || state === 'COMPLETED') && (
        <Paper withBorder p="md">
          <Stack>
            <ApplyProgress progress={data.progress} moving={state === 'CONFIRMED'} />
            {state === 'COMPLETED' && <Outcome job={data} />}
          </Stack>
        </Paper>
      )}
      {state === 'CANCELLED' && (
        <Alert color="gray" title="Discarded">This import was discarded: nothing of it was applied.</Alert>
      )}
      <PreviewRows id={id} state={state} summary={data.summary} answered={answered} />
    </Stack>
  );
}
