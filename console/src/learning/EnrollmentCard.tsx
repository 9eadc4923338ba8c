import { useId } from 'react';
import { Badge, Button, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { actionsOf, endReasonWords, ENROLLMENT_WORDS, enrollmentWords, formatDay, formatInstant, isOpen, type LearnerAction,
  type MyTraining, noChangeWords, sessionWhen, TRAINING_STATUS_WORDS, WARNING_WORDS } from './words';

const STATUS_COLORS: Record<NonNullable<MyTraining['status']>, string> = {
  ENROLLED: 'green',
  WAITLISTED: 'orange',
  UNENROLLED: 'gray',
  REMOVED: 'gray',
  DROPPED: 'red',
};

/** One of the learner's enrollments: the session, where it stands, what to know, and exactly the actions allowed now. */
export function EnrollmentCard({ item, level = 2, onAction }: {
  item: MyTraining;
  /** The heading level of its title (3 under a section's heading). */
  level?: 2 | 3;
  onAction: (action: LearnerAction) => void;
}) {
  const heading = useId();
  const status = item.status ?? 'ENROLLED';
  const open = isOpen(status);
  const actions = actionsOf(item);
  const session = item.session;
  const deadline = session?.cancellationDeadline;
  const changesClosed = deadline !== undefined && new Date(deadline).getTime() <= Date.now();
  // once the session has begun, whether it can still be changed goes without saying
  const upcoming = open && (item.trainingStatus ?? 'NOT_STARTED') === 'NOT_STARTED';

  return (
    <Paper withBorder p="md" component="article" aria-labelledby={heading}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" wrap="wrap">
          <Title order={level} size="h3" id={heading}>{item.title}</Title>
          <Group gap="xs">
            <Badge color={STATUS_COLORS[status]} variant="dot" tt="none" size="lg" c="dark">{enrollmentWords(item)}</Badge>
            {open && item.trainingStatus && (
              <Badge color="gray" variant="outline" tt="none" size="lg" c="dark">
                {TRAINING_STATUS_WORDS[item.trainingStatus]}
              </Badge>
            )}
          </Group>
        </Group>
        {session ? (
          <Text size="sm">
            {sessionWhen(session, item.timeZone)}
            {session.location ? ` · ${session.location}` : ''}
          </Text>
        ) : open && <Text size="sm">No session yet.</Text>}
        {upcoming && deadline && (
          <Text size="sm" c="gray.7">
            {changesClosed ? `Changes closed ${formatInstant(deadline)}.`
              : `You can change or cancel until ${formatInstant(deadline)}.`}
          </Text>
        )}
        {item.attendance && <Text size="sm">{item.attendance === 'ATTENDED' ? 'You attended.' : 'You were absent.'}</Text>}
        {!open && item.endedAt && (
          <Text size="sm" c="gray.7">
            {`${ENROLLMENT_WORDS[status]} on ${formatDay(item.endedAt)}`}
            {endReasonWords(item.endReason) ? `: ${endReasonWords(item.endReason)}.` : '.'}
          </Text>
        )}
        {(item.warnings ?? []).length > 0 && (
          <List size="sm" aria-label="Before you act">
            {(item.warnings ?? []).map((warning) => <List.Item key={warning}>{WARNING_WORDS[warning]}</List.Item>)}
          </List>
        )}
        {upcoming && actions.length === 0 && (
          <Text size="sm" c="gray.7">{noChangeWords(item)}</Text>
        )}
        {actions.length > 0 && (
          <Group justify="flex-end" gap="sm">
            {actions.map(({ action, label }) => (
              <Button key={action} variant={action === 'UNENROLL' ? 'outline' : 'filled'}
                color={action === 'UNENROLL' ? 'red' : undefined} onClick={() => onAction(action)}>
                {label}
              </Button>
            ))}
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
