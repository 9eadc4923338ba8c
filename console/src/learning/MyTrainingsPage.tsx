import { errorWords } from '../api/client';
import { useState } from 'react';
import { Link } from 'react-router';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Anchor, Loader, Stack, Text, Title } from '@mantine/core';
import { EnrollmentCard } from './EnrollmentCard';
import { myTrainingsQuery } from './queries';
import { SwitchSessionDialog } from './SwitchSessionDialog';
import { UnenrollDialog } from './UnenrollDialog';
import { enrollmentWords, isOpen, type LearnerAction, type MyTraining, sessionWhen } from './words';
import { Pager } from '../common/Pager';

/** My trainings: each enrollment with its session and the actions the service allows for it now (paged by the service). */
export function MyTrainingsPage() {
  const [page, setPage] = useState(1);
  const mine = useQuery({ ...myTrainingsQuery(page), placeholderData: keepPreviousData });
  const [acting, setActing] = useState<{ action: LearnerAction; item: MyTraining } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const items = mine.data?.items ?? [];
  // the service lists current and ended enrollments together, newest first: on each page the current ones come first
  const current = items.filter((item) => isOpen(item.status));
  const ended = items.filter((item) => !isOpen(item.status));
  const act = (item: MyTraining) => (action: LearnerAction) => { setDone(null); setActing({ action, item }); };
  const pages = Math.max(1, Number(mine.data?.page?.totalPages ?? 1));

  return (
    <Stack maw={900}>
      <Title order={1}>My trainings</Title>
      <div aria-live="polite">
        {done && (
          <Alert color="green" withCloseButton closeButtonLabel="Dismiss" onClose={() => setDone(null)}>{done}</Alert>
        )}
      </div>
      {mine.error && <Alert color="red" role="alert" title="Your trainings could not be shown">{errorWords(mine.error)}</Alert>}
      {mine.isPending && <Loader aria-label="Loading your trainings" />}
      {mine.isSuccess && items.length === 0 && (
        <Text>
          You are not enrolled in any training. <Anchor component={Link} to="/catalog">Find one in the catalog</Anchor>.
        </Text>
      )}
      <Stack aria-busy={mine.isFetching}>
        {current.map((item) => <EnrollmentCard key={item.enrollmentId} item={item} onAction={act(item)} />)}
        {ended.length > 0 && (
          <section aria-labelledby="ended-enrollments">
            <Stack mt="md">
              <Title order={2} size="h4" id="ended-enrollments">Ended in the last year</Title>
              {ended.map((item) => <EnrollmentCard key={item.enrollmentId} item={item} level={3} onAction={act(item)} />)}
            </Stack>
          </section>
        )}
      </Stack>
      {pages > 1 && (
        <Pager label="Pages of your trainings" total={pages} value={page} onChange={setPage} />
      )}

      {acting?.action === 'SWITCH_SESSION' && (
        <SwitchSessionDialog item={acting.item} onClose={(moved) => {
          setActing(null);
          if (moved) {
            setDone(`${moved.title}: ${enrollmentWords(moved)}${moved.session ? `, now ${sessionWhen(moved.session, moved.timeZone)}` : ''}`
              + `${moved.session?.location ? `, ${moved.session.location}` : ''}.`);
          }
        }} />
      )}
      {acting?.action === 'UNENROLL' && (
        <UnenrollDialog item={acting.item} onClose={(left) => {
          setActing(null);
          if (left) setDone(`You are no longer enrolled in ${acting.item.title}.`);
        }} />
      )}
    </Stack>
  );
}
