import { Box, Paper, SimpleGrid, Text } from '@mantine/core';
import type { components } from '../api/import-service';

type Summary = components['schemas']['Summary'];

const FIGURES: Array<{ key: keyof Summary; label: string }> = [
  { key: 'totalRows', label: 'Rows in the file' },
  { key: 'create', label: 'New users' },
  { key: 'update', label: 'Updates' },
  { key: 'statusChange', label: 'Status changes' },
  { key: 'unchanged', label: 'Unchanged' },
  { key: 'invalid', label: 'Invalid' },
  { key: 'withWarnings', label: 'With warnings' },
];

/** The preview's totals: the file's rows by what they will do, as a list of figures with their names. */
export function Totals({ summary }: { summary: Summary | undefined }) {
  return (
    <SimpleGrid component="dl" cols={{ base: 2, xs: 4, lg: 7 }} spacing="xs" m={0}>
      {FIGURES.map((figure) => (
        <Paper key={figure.key} withBorder p="xs">
          <Text component="dt" size="sm" c="gray.7">{figure.label}</Text>
          <Box component="dd" m={0} fz="xl" fw={700}>{(summary?.[figure.key] ?? 0).toLocaleString('en')}</Box>
        </Paper>
      ))}
    </SimpleGrid>
  );
}
