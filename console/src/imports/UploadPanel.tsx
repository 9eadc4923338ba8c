import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, FileInput, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { answer, importApi } from '../api/client';
import { DownloadButton } from './DownloadButton';
import { ProblemAlert } from '../common/ProblemAlert';

const ACCEPTED = '.xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv';

/** Sends a file as the multipart part the API reads ("file"); answers the new import with its preview's summary. */
function uploadFile(file: File) {
  const form = new FormData();
  form.append('file', file, file.name);
  return answer(importApi.POST('/imports', { body: { file }, bodySerializer: () => form }));
}

/** Importing users: the template to fill in, then the filled-in file, which opens the import's preview. */
export function UploadPanel() {
  const navigate = useNavigate();
  const queries = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const upload = useMutation({
    mutationFn: uploadFile,
    onSuccess: (job) => {
      void queries.invalidateQueries({ queryKey: ['imports'] });
      navigate(`/imports/${job.id}`);
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (file) upload.mutate(file);
  }

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="import-users">
      <Stack>
        <Title order={2} size="h3" id="import-users">Import users</Title>
        <Text size="sm">
          Add or change many users at once from an Excel or CSV file. Nothing changes until you confirm the preview.
        </Text>
        <List type="ordered" spacing="md">
          <List.Item>
            <Text mb="xs">Download the template.</Text>
            <Group gap="xs">
              <DownloadButton label="Template (Excel)" aria-label="Download the template (Excel)"
                fallbackName="users-template.xlsx"
                fetchFile={() => importApi.GET('/imports/template', { params: { query: { format: 'xlsx' } }, parseAs: 'blob' })} />
              <DownloadButton label="Template (CSV)" aria-label="Download the template (CSV)"
                fallbackName="users-template.csv"
                fetchFile={() => importApi.GET('/imports/template', { params: { query: { format: 'csv' } }, parseAs: 'blob' })} />
            </Group>
          </List.Item>
          <List.Item>
            <Text>
              Fill in one row per user. The login finds the user or names a new one; a blank cell leaves that field
              as it is.
            </Text>
          </List.Item>
          <List.Item>
            <form onSubmit={submit}>
              <Stack gap="xs">
                <FileInput label="File to import" description="Excel (.xlsx) or CSV, up to 50 MB"
                  placeholder="Choose a file" accept={ACCEPTED} clearable value={file}
                  clearButtonProps={{ 'aria-label': 'Remove the file' }}
                  onChange={(chosen) => { setFile(chosen); upload.reset(); }} />
                <ProblemAlert error={upload.error} title="The file was not accepted" />
                <Group>
                  <Button type="submit" disabled={!file} loading={upload.isPending}>Upload and preview</Button>
                </Group>
              </Stack>
            </form>
          </List.Item>
        </List>
      </Stack>
    </Paper>
  );
}
