import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Anchor, Button, Group, List, Loader, Paper, Progress, Stack, Table, Text,
  Title } from '@mantine/core';
import { answer, errorWords, trainingApi } from '../api/client';
import { formatDate, plural } from '../users/words';
import { AssignDialog } from './AssignDialog';
import { ProblemAlert } from '../common/ProblemAlert';
import { KIND_WORDS, useAllCourses, type Kind } from './learning';
import { canEnroll, canPickUsers, canSeeParticipants } from './rights';
import { ASSIGNMENT_STATUS_WORDS, dropReasonWords } from './words';
import { Pager } from '../common/Pager';
import { ScrollTable } from '../common/ScrollTable';

const PAGE_SIZE = 25;

/** A course's or program's page: what it is (a program's courses in order) and its learners with their progress. */
export function CoursePage({ kind }: { kind: Kind }) {
  const { id = '' } = useParams();
  const words = KIND_WORDS[kind];
  const [assigning, setAssigning] = useState(false);
  const queries = useQueryClient();
  const item = useQuery({
    queryKey: [kind, 'one', id],
    queryFn: () => answer(trainingApi.GET('/{kind}/{id}', { params: { path: { kind, id } } })),
  });
  const courses = useAllCourses(kind === 'programs');

  if (item.isPending) {
    return <Loader aria-label={`Loading the ${words.one}`} />;
  }
  if (item.error) {
    return (
      <Alert color="red" role="alert" title={`This ${words.one} could not be shown`}>
        {errorWords(item.error)} <Anchor component={Link} to={`/${kind}`}>{`Back to the ${kind}`}</Anchor>
      </Alert>
    );
  }
  const data = item.data;
  const titles = new Map((courses.data?.items ?? []).map((course) => [course.id, course.title]));

  return (
    <Stack maw={1100}>
      <Anchor component={Link} to={`/${kind}`} size="sm">{`← ${words.title}`}</Anchor>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Title order={1}>{data.title}</Title>
          <Text size="sm" c="gray.7">{`Created ${formatDate(data.createdAt)}`}</Text>
        </Stack>
        {canEnroll() && canPickUsers() && <Button onClick={() => setAssigning(true)}>Assign users</Button>}
      </Group>
      {data.description && <Text style={{ whiteSpace: 'pre-wrap' }}>{data.description}</Text>}
      {kind === 'programs' && (
        <Paper withBorder p="md" component="section" aria-labelledby="program-courses">
          <Title order={2} size="h4" id="program-courses" mb="xs">Courses, in order</Title>
          {(data.courseIds ?? []).length === 0 ? <Text size="sm">This program has no courses.</Text> : (
            <List type="ordered">
              {(data.courseIds ?? []).map((courseId) => (
                <List.Item key={courseId}>
                  <Anchor component={Link} to={`/courses/${courseId}`}>{titles.get(courseId) ?? 'A course'}</Anchor>
                </List.Item>
              ))}
            </List>
          )}
        </Paper>
      )}
      {canSeeParticipants() && <Assignments kind={kind} id={id} />}
      {assigning && (
        <AssignDialog kind={kind} id={id} title={data.title ?? ''} onClose={(changed) => {
          setAssigning(false);
          if (changed) void queries.invalidateQueries({ queryKey: [kind, 'assignments', id] });
        }} />
      )}
    </Stack>
  );
}

/** The learners a course or program is assigned to, with their progress, paged by the server. */
function Assignments({ kind, id }: { kind: Kind; id: string }) {
  const [page, setPage] = useState(1);
  const query = { page: page - 1, size: PAGE_SIZE };
  const assignments = useQuery({
    queryKey: [kind, 'assignments', id, query],
    queryFn: () => answer(trainingApi.GET('/{kind}/{id}/assignments', { params: { path: { kind, id }, query } })),
    placeholderData: keepPreviousData,
  });
  const rows = assignments.data?.items ?? [];
  const total = assignments.data?.page?.totalElements ?? 0;
  const pages = Math.max(1, Number(assignments.data?.page?.totalPages ?? 1));

  return (
    <Stack component="section" aria-labelledby="assignments-heading">
      <Group justify="space-between" align="flex-end">
        <Title order={2} size="h3" id="assignments-heading">Learners</Title>
        <Text size="sm" c="gray.7" aria-live="polite">{assignments.data ? plural(total, 'learner') : ''}</Text>
      </Group>
      <ProblemAlert error={assignments.error} title="The learners could not be listed" />
      <ScrollTable label="Learners table" minWidth={720}>
        <Table striped aria-label="Learners" aria-busy={assignments.isFetching}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Progress</Table.Th>
              <Table.Th>Assigned</Table.Th>
              <Table.Th>Completed</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((assignment) => {
              const name = `${assignment.firstName ?? ''} ${assignment.lastName ?? ''}`.trim() || (assignment.userId ?? '');
              const progress = assignment.progress ?? 0;
              return (
                <Table.Tr key={assignment.id}>
                  <Table.Td>{name}</Table.Td>
                  <Table.Td>
                    {assignment.status ? ASSIGNMENT_STATUS_WORDS[assignment.status] : ''}
                    {assignment.status === 'DROPPED' && assignment.dropReason && (
                      <Text size="xs" c="gray.7">
                        {`${formatDate(assignment.droppedAt)}: ${dropReasonWords(assignment.dropReason)}`}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Progress value={progress} w={100} aria-label={`Progress of ${name}`} />
                      <Text size="sm">{`${progress}%`}</Text>
                    </Group>
                  </Table.Td>
                  <Table.Td>{formatDate(assignment.assignedAt)}</Table.Td>
                  <Table.Td>{formatDate(assignment.completedAt)}</Table.Td>
                </Table.Tr>
              );
            })}
            {assignments.isSuccess && rows.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={5}><Text ta="center" c="gray.7" py="md">Not assigned to anyone yet.</Text></Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      </ScrollTable>
      <Pager label="Pages of learners" total={pages} value={page} onChange={setPage} />
    </Stack>
  );
}
