import { List, Stack, Text, ThemeIcon } from '@mantine/core';
import type { UserOutcome } from './words';

/** Per user, what an enrollment or assignment did: done (enrolled, waitlisted, assigned) or skipped and why. */
export function PerUserOutcome({ outcomes, names }: { outcomes: UserOutcome[]; names: Map<string, string> }) {
  const done = outcomes.filter((outcome) => outcome.done).length;
  return (
    <Stack gap="xs" aria-live="polite">
      <Text fw={600}>{`Done for ${done} of ${outcomes.length}.`}</Text>
      <List spacing="xs" aria-label="Outcome per user" icon={null}>
        {outcomes.map((outcome) => (
          <List.Item key={outcome.userId} icon={
            <ThemeIcon size="sm" radius="xl" color={outcome.done ? 'green' : 'orange'} aria-hidden="true">
              {outcome.done ? '✓' : '!'}
            </ThemeIcon>
          }>
            {`${names.get(outcome.userId) ?? outcome.userId}: ${outcome.words}`}
          </List.Item>
        ))}
      </List>
    </Stack>
  );
}
