import { useState } from 'react';
import { Link } from 'react-router';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Anchor, Group, Loader, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { trainingApi, answer, errorWords } from '../api/client';
import { LEARNING } from './queries';
import { TrainingOffer } from './TrainingOffer';
import { enrollmentWords, type MyTraining, plural, sessionWhen } from './words';
import { Pager } from '../common/Pager';

const PAGE_SIZE = 10;

/** The catalog: the trainings the learner may join now (searched and paged by the service), each with Enroll. */
export function CatalogPage() {
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [page, setPage] = useState(1);
  const [enrolled, setEnrolled] = useState<MyTraining | null>(null);
  const catalog = useQuery({
    queryKey: [...LEARNING, 'catalog', q, page],
    queryFn: () => answer(trainingApi.GET('/catalog', {
      params: { query: { q: q || undefined, page: page - 1, size: PAGE_SIZE } },
    })),
    placeholderData: keepPreviousData,
  });
  const items = catalog.data?.items ?? [];
  const pages = Math.max(1, Number(catalog.data?.page?.totalPages ?? 1));

  return (
    <Stack maw={900}>
      <Group justify="space-between" align="flex-end">
        <Title order={1}>Catalog</Title>
        <Text size="sm" c="gray.7" aria-live="polite">
          {catalog.data ? plural(Number(catalog.data.page?.totalElements ?? 0), 'training') : ''}
        </Text>
      </Group>
      <TextInput label="Search" placeholder="Training title" value={search} maw={320}
        onChange={(event) => { setSearch(event.currentTarget.value); setPage(1); }} />

      <div aria-live="polite">
        {enrolled && (
          <Alert color="green" title={enrolled.status === 'WAITLISTED' ? 'On the waitlist' : 'Enrolled'}
            withCloseButton closeButtonLabel="Dismiss" onClose={() => setEnrolled(null)}>
            {`${enrolled.title}: ${enrollmentWords(enrolled)}`}
            {enrolled.session ? `, ${sessionWhen(enrolled.session, enrolled.timeZone)}` : ''}
            {enrolled.session?.location ? `, ${enrolled.session.location}` : ''}
            {'. '}
            <Anchor component={Link} to="/my/trainings">See My trainings</Anchor>
          </Alert>
        )}
      </div>

      {catalog.error && (
        <Alert color="red" role="alert" title="The catalog could not be shown">{errorWords(catalog.error)}</Alert>
      )}
      {catalog.isPending && <Loader aria-label="Loading the catalog" />}
      {catalog.isSuccess && items.length === 0 && (
        <Text c="gray.7">{q ? 'No training matches.' : 'No training is open for registration just now.'}</Text>
      )}
      <Stack aria-busy={catalog.isFetching}>
        {items.map((item) => (
          <TrainingOffer key={item.trainingId} item={item} onEnrolled={setEnrolled} />
        ))}
      </Stack>
      {pages > 1 && (
        <Pager label="Pages of the catalog" total={pages} value={page} onChange={setPage} />
      )}
    </Stack>
  );
}
