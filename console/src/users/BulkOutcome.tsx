import { Alert, List, Stack, Text } from '@mantine/core';
import { plural, skipReasonWords } from './words';

/** A bulk answer as the API document describes it (every field may be absent there, so each is read with care). */
export interface Outcome {
  applied?: string[];
  skipped?: Array<{ userId?: string; reason?: string }>;
  dryRun?: boolean;
}

/** Per user, what a bulk action did: how many it applied to, and each one skipped with the reason in words. */
export function BulkOutcome({ outcome, names }: { outcome: Outcome; names: Map<string, string> }) {
  const applied = outcome.applied ?? [];
  const skipped = outcome.skipped ?? [];
  const verb = (count: number) => (outcome.dryRun ? 'would be' : count === 1 ? 'was' : 'were');
  return (
    <Stack gap="xs">
      <Text>{`${plural(applied.length, 'user')} ${verb(applied.length)} changed.`}</Text>
      {skipped.length > 0 && (
        <Alert color="orange" title={`${plural(skipped.length, 'user')} ${verb(skipped.length)} skipped`}>
          <List size="sm">
            {skipped.map((skip) => (
              <List.Item key={skip.userId}>
                {`${names.get(skip.userId ?? '') ?? skip.userId}: ${skipReasonWords(skip.reason ?? '')}`}
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
    </Stack>
  );
}
