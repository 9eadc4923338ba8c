import { Alert, List, Stack, Text } from '@mantine/core';
import type { Impact } from './bulk';
import { plural, skipReasonWords } from './words';

/** The impact preview in sentences: what the change does in total, what is skipped and why, what is not known. */
export function ImpactSummary({ impact }: { impact: Impact }) {
  const totals = impact.totals ?? {};
  const seats = totals.seats ?? {};
  const count = (value: number | undefined | null) => value ?? 0;
  const lines: string[] = [];
  lines.push(`${plural(count(totals.applied), 'user')} will be changed.`);
  if (count(totals.signInBlocked) > 0) lines.push(`${plural(count(totals.signInBlocked), 'user')} will no longer be able to sign in.`);
  if (count(totals.sessionsCut) > 0) lines.push(`${plural(count(totals.sessionsCut), 'signed-in session')} will end at once.`);
  if (totals.enrollmentsDropped) lines.push(`${plural(totals.enrollmentsDropped, 'upcoming enrollment')} will be dropped.`);
  if (totals.waitlistPromotions) lines.push(`${plural(totals.waitlistPromotions, 'person', 'people')} on waitlists will get the freed seats.`);
  if (totals.learningLeftUnfinished) lines.push(`${plural(totals.learningLeftUnfinished, 'course or program', 'courses and programs')} will be left unfinished.`);
  if (totals.queuedEmailsCancelled) lines.push(`${plural(totals.queuedEmailsCancelled, 'queued email')} will be cancelled.`);
  if (totals.noticesErased) lines.push(`${plural(totals.noticesErased, 'notice')} will be erased.`);
  if (totals.trainingRecordsErased) lines.push(`${plural(totals.trainingRecordsErased, 'training record')} will be erased.`);
  if (count(totals.groupsLeft) > 0) lines.push(`Group memberships left: ${count(totals.groupsLeft).toLocaleString('en')}.`);
  if (count(totals.groupsJoined) > 0) lines.push(`Smart group memberships regained: ${count(totals.groupsJoined).toLocaleString('en')}.`);
  if (count(seats.freed) > 0) lines.push(`${plural(count(seats.freed), 'seat')} will be freed (${count(seats.takenAfter)} of ${count(seats.limit)} taken after).`);
  if (count(seats.taken) > 0) lines.push(`${plural(count(seats.taken), 'seat')} will be taken (${count(seats.takenAfter)} of ${count(seats.limit)} taken after).`);
  const skipped = Object.entries(totals.skipped ?? {}).filter(([, count]) => Number(count) > 0);

  return (
    <Stack gap="xs">
      <List size="sm" spacing={4}>
        {lines.map((line) => <List.Item key={line}>{line}</List.Item>)}
      </List>
      {skipped.length > 0 && (
        <Alert color="orange" title="Not changed">
          <List size="sm">
            {skipped.map(([reason, count]) => (
              <List.Item key={reason}>{`${plural(Number(count), 'user')}: ${skipReasonWords(reason)}`}</List.Item>
            ))}
          </List>
        </Alert>
      )}
      {(impact.unknown ?? []).length > 0 && (
        <Alert color="gray" title="Not known just now">
          {(impact.unknown ?? []).map((part) => (
            <Text size="sm" key={part.part}>{`${part.part} (${part.service}): ${part.reason}`}</Text>
          ))}
        </Alert>
      )}
    </Stack>
  );
}
