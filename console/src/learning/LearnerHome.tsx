import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Anchor, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { api, answer } from '../api/client';
import { mineQuery, myTrainingsQuery } from './queries';
import { enrollmentWords, isOpen, plural, sessionWhen } from './words';

/** A learner's start page: their next training, their unfinished courses, and the way to the catalog. */
export function LearnerHome() {
  const me = useQuery({ queryKey: ['me'], queryFn: () => answer(api.GET('/me')) });
  const trainings = useQuery(myTrainingsQuery(1));
  const courses = useQuery(mineQuery('courses'));
  // of the newest enrollments, the open one whose session comes first and has not ended yet
  const next = (trainings.data?.items ?? [])
    .filter((item) => isOpen(item.status) && Date.parse(item.session?.endsAt ?? '') > Date.now())
    .sort((a, b) => String(a.session?.startsAt).localeCompare(String(b.session?.startsAt)))[0];
  const unfinished = (courses.data ?? []).filter((course) => course.status === 'ASSIGNED'
    || course.status === 'IN_PROGRESS').length;
  const where = next?.session?.location ? `, ${next.session.location}` : '';

  return (
    <Stack maw={900}>
      <div>
        <Title order={1}>Welcome to Roster</Title>
        {me.data?.firstName && <Text mt="xs">{`Hello, ${me.data.firstName}.`}</Text>}
      </div>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Paper withBorder p="md" component="section" aria-labelledby="home-next-training">
          <Title order={2} size="h4" id="home-next-training">Your next training</Title>
          <Text size="sm" mt="xs">
            {next ? `${next.title}: ${sessionWhen(next.session ?? {}, next.timeZone)}${where} (${enrollmentWords(next)}).`
              : trainings.isSuccess ? 'None planned.' : ''}
          </Text>
          <Anchor component={Link} to={next ? '/my/trainings' : '/catalog'} size="sm">
            {next ? 'See My trainings' : 'Find a training in the catalog'}
          </Anchor>
        </Paper>
        <Paper withBorder p="md" component="section" aria-labelledby="home-courses">
          <Title order={2} size="h4" id="home-courses">Your courses</Title>
          <Text size="sm" mt="xs">
            {!courses.isSuccess ? '' : unfinished > 0 ? `${plural(unfinished, 'course')} to finish.` : 'Nothing to finish.'}
          </Text>
          <Anchor component={Link} to="/my/courses" size="sm">See My courses</Anchor>
        </Paper>
      </SimpleGrid>
    </Stack>
  );
}
