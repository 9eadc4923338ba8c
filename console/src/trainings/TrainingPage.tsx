import { useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { Alert, Anchor, Badge, Button, Group, Loader, Stack, Tabs, Text, Title } from '@mantine/core';
import { errorWords } from '../api/client';
import { AvailabilityTab } from './AvailabilityTab';
import { DeleteTrainingDialog } from './DeleteTrainingDialog';
import { DetailsTab } from './DetailsTab';
import { ParticipantsTab } from './ParticipantsTab';
import { canEnroll, canManageTrainings, canSeeParticipants } from './rights';
import { SessionsTab } from './SessionsTab';
import { useTraining } from './useTraining';
import { SESSION_SELECTION_WORDS, TRAINING_STATUS_WORDS } from './words';

const TABS = ['details', 'availability', 'sessions', 'participants'] as const;
type Tab = (typeof TABS)[number];

/** A training's page: Details, Availability (registration restrictions), Sessions and Participants, one tab each. */
export function TrainingPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [deleting, setDeleting] = useState(false);
  const training = useTraining(id);
  const participants = canSeeParticipants() || canEnroll();
  const asked = params.get('tab') as Tab | null;
  const tab: Tab = asked && TABS.includes(asked) && (asked !== 'participants' || participants) ? asked : 'details';

  if (training.isPending) {
    return <Loader aria-label="Loading the training" />;
  }
  if (training.error) {
    return (
      <Alert color="red" role="alert" title="This training could not be shown">
        {errorWords(training.error)} <Anchor component={Link} to="/trainings">Back to the trainings</Anchor>
      </Alert>
    );
  }
  const data = training.data;

  return (
    <Stack maw={1100}>
      <Anchor component={Link} to="/trainings" size="sm">← Trainings</Anchor>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Title order={1}>{data.title}</Title>
          <Group gap="xs">
            {data.status && <Badge variant="dot" tt="none" size="lg" c="dark">{TRAINING_STATUS_WORDS[data.status]}</Badge>}
            <Text size="sm" c="gray.7">
              {[data.sessionSelection ? SESSION_SELECTION_WORDS[data.sessionSelection] : '', data.timeZone,
                data.published ? 'In the catalog' : 'Not in the catalog'].filter(Boolean).join(' · ')}
            </Text>
          </Group>
        </Stack>
        {canManageTrainings() && (
          <Button color="red" variant="outline" onClick={() => setDeleting(true)}>Delete training</Button>
        )}
      </Group>

      <Tabs keepMounted={false} value={tab}
        onChange={(value) => setParams(value && value !== 'details' ? { tab: value } : {}, { replace: true })}>
        <Tabs.List>
          <Tabs.Tab value="details">Details</Tabs.Tab>
          <Tabs.Tab value="availability">Availability</Tabs.Tab>
          <Tabs.Tab value="sessions">{`Sessions (${(data.sessions ?? []).length})`}</Tabs.Tab>
          {participants && <Tabs.Tab value="participants">Participants</Tabs.Tab>}
        </Tabs.List>
        <Tabs.Panel value="details" pt="md"><DetailsTab training={data} /></Tabs.Panel>
        <Tabs.Panel value="availability" pt="md"><AvailabilityTab training={data} /></Tabs.Panel>
        <Tabs.Panel value="sessions" pt="md"><SessionsTab training={data} /></Tabs.Panel>
        {participants && (
          <Tabs.Panel value="participants" pt="md"><ParticipantsTab training={data} /></Tabs.Panel>
        )}
      </Tabs>

      {deleting && (
        <DeleteTrainingDialog training={data} onClose={(done) => {
          setDeleting(false);
          if (done) navigate('/trainings', { replace: true });
        }} />
      )}
    </Stack>
  );
}
