import { errorWords } from '../api/client';
import { useId } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, Badge, Group, Loader, Paper, Progress, Stack, Text, Title } from '@mantine/core';
import { ProgressForm } from './ProgressForm';
import { type LearningKind, mineQuery } from './queries';
import { ASSIGNMENT_WORDS, type Assignment, DROP_REASON_WORDS, formatDay } from './words';

const TITLES: Record<LearningKind, { title: string; none: string; loading: string }> = {
  courses: { title: 'My courses', none: 'No course is assigned to you.', loading: 'Loading your courses' },
  programs: { title: 'My programs', none: 'No program is assigned to you.', loading: 'Loading your programs' },
};

/** My courses or My programs: each assignment with its progress; a course's progress recorded where the service lets it. */
export function MyLearningPage({ kind }: { kind: LearningKind }) {
  const mine = useQuery(mineQuery(kind));
  const words = TITLES[kind];
  const items = mine.data ?? [];

  return (
    <Stack maw={900}>
      <Title order={1}>{words.title}</Title>
      {kind === 'programs' && <Text size="sm" c="gray.7">A program&apos;s progress follows the progress of its courses.</Text>}
      {mine.error && <Alert color="red" role="alert" title="This list could not be shown">{errorWords(mine.error)}</Alert>}
      {mine.isPending && <Loader aria-label={words.loading} />}
      {mine.isSuccess && items.length === 0 && <Text>{words.none}</Text>}
      {items.map((assignment) => <AssignmentCard key={assignment.id} assignment={assignment} kind={kind} />)}
    </Stack>
  );
}

function dropReason(reason: string | undefined): string {
  return reason ? ` because ${DROP_REASON_WORDS[reason] ?? reason}` : '';
}

/** One assigned course or program: where the learner stands, and for an unfinished course the progress form. */
function AssignmentCard({ assignment, kind }: { assignment: Assignment; kind: LearningKind }) {
  const heading = useId();
  const status = assignment.status ?? 'ASSIGNED';
  const progress = assignment.progress ?? 0;
  const title = assignment.title ?? '';
  const unfinished = status === 'ASSIGNED' || status === 'IN_PROGRESS';

  return (
    <Paper withBorder p="md" component="article" aria-labelledby={heading}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" wrap="wrap">
          <Title order={2} size="h3" id={heading}>{title}</Title>
          <Badge color={status === 'COMPLETED' ? 'green' : status === 'DROPPED' ? 'red' : 'blue'} variant="dot" tt="none"
            size="lg" c="dark">
            {ASSIGNMENT_WORDS[status]}
          </Badge>
        </Group>
        <Group gap="sm" wrap="nowrap">
          <Progress value={progress} aria-label={`Progress of ${title}`} style={{ flex: 1 }} size="lg" />
          <Text size="sm" w={48} ta="right">{`${progress}%`}</Text>
        </Group>
        <Text size="sm" c="gray.7">
          {[
            assignment.assignedAt && `Assigned ${formatDay(assignment.assignedAt)}`,
            assignment.completedAt && `completed ${formatDay(assignment.completedAt)}`,
            assignment.droppedAt && `dropped ${formatDay(assignment.droppedAt)}${dropReason(assignment.dropReason)}`,
          ].filter(Boolean).join(', ')}
        </Text>
        {kind === 'courses' && unfinished && assignment.courseId && (
          // keyed by the progress: once saved, the form starts again from the new value
          <ProgressForm key={progress} courseId={assignment.courseId} title={title} current={progress} />
        )}
      </Stack>
    </Paper>
  );
}
