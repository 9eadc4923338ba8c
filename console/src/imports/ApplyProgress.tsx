import { Progress, Stack, Text } from '@mantine/core';
import type { components } from '../api/import-service';
import { progressFigures } from './words';

/** How far applying a confirmed import got: a bar of the rows answered and the counts in words. */
export function ApplyProgress({ progress, moving }: {
  progress: components['schemas']['Progress'] | undefined;
  /** Whether rows are still being applied (the bar moves). */
  moving: boolean;
}) {
  const figures = progressFigures(progress);
  return (
    <Stack gap={6}>
      <Text fw={600} id="apply-progress">Rows applied</Text>
      <Progress.Root size="xl" role="progressbar" aria-labelledby="apply-progress" aria-valuemin={0}
        aria-valuemax={100} aria-valuenow={figures.percent} aria-valuetext={figures.words}>
        <Progress.Section value={figures.percent} withAria={false} striped={moving} animated={moving} />
      </Progress.Root>
      <Text size="sm" aria-live="polite">{figures.words}</Text>
    </Stack>
  );
}
