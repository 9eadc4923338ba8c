import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, Group, MultiSelect, Paper, Radio, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { answer, api, errorWords, importApi } from '../api/client';
import { STATUS_WORDS } from '../users/words';
import { DownloadButton } from './DownloadButton';

type ListedStatus = 'ACTIVE' | 'INACTIVE' | 'EMPLOYMENT_ENDED';
const STATUSES: ListedStatus[] = ['ACTIVE', 'INACTIVE', 'EMPLOYMENT_ENDED'];

/** Exporting users: the users list (searched and filtered like the list) as Excel or CSV, in the template's columns. */
export function ExportPanel() {
  const [format, setFormat] = useState<'xlsx' | 'csv'>('xlsx');
  const [q, setQ] = useState('');
  const [statuses, setStatuses] = useState<string[]>([]);
  const [departmentId, setDepartmentId] = useState<string | null>(null);
  const departments = useQuery({
    queryKey: ['export-departments'],
    queryFn: () => answer(api.GET('/departments')),
  });
  const query = {
    format,
    q: q.trim() || undefined,
    status: statuses.length > 0 ? (statuses as ListedStatus[]) : undefined,
    departmentId: departmentId ?? undefined,
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="export-users">
      <Stack>
        <Title order={2} size="h3" id="export-users">Export users</Title>
        <Text size="sm">The users list in the template&apos;s columns: edit it and import it back.</Text>
        <TextInput label="Search" placeholder="Name, login or email" value={q}
          onChange={(event) => setQ(event.currentTarget.value)} />
        <MultiSelect label="Status" placeholder={statuses.length ? undefined : 'Any'} clearable value={statuses}
          data={STATUSES.map((value) => ({ value, label: STATUS_WORDS[value] }))} onChange={setStatuses} />
        <Select label="Department" description="With the departments under it" placeholder="Any" clearable searchable
          value={departmentId} onChange={setDepartmentId} disabled={!departments.isSuccess}
          data={(departments.data ?? []).filter((department) => department.id)
            .map((department) => ({ value: department.id ?? '', label: department.path ?? department.name ?? '' }))} />
        {departments.error && (
          <Alert color="orange" title="The departments could not be listed">
            {errorWords(departments.error)}
          </Alert>
        )}
        <Radio.Group label="Format" value={format} onChange={(value) => setFormat(value as 'xlsx' | 'csv')}>
          <Group mt="xs">
            <Radio value="xlsx" label="Excel (.xlsx)" />
            <Radio value="csv" label="CSV" />
          </Group>
        </Radio.Group>
        <DownloadButton label="Download the export" variant="filled" fallbackName={`users.${format}`}
          fetchFile={() => importApi.GET('/exports/users', { params: { query }, parseAs: 'blob' })} />
      </Stack>
    </Paper>
  );
}
