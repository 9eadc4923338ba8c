import { SimpleGrid, Stack, Title } from '@mantine/core';
import { ExportPanel } from './ExportPanel';
import { PastImports } from './PastImports';
import { UploadPanel } from './UploadPanel';

/** Import and export: a file of users to import (after its preview), the users list to export, the past imports. */
export function ImportsPage() {
  return (
    <Stack maw={1200}>
      <Title order={1}>Import and export</Title>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <UploadPanel />
        <ExportPanel />
      </SimpleGrid>
      <PastImports />
    </Stack>
  );
}
