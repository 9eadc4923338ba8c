import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Stack, type ButtonProps } from '@mantine/core';
import { errorWords } from '../api/client';
import { saveFile } from './download';

/** A button that downloads a file of the API (busy while it comes), and says in words why one did not. */
export function DownloadButton({ label, fallbackName, fetchFile, ...button }: ButtonProps & {
  label: string;
  fallbackName: string;
  fetchFile: () => Promise<{ data?: Blob; error?: unknown; response: Response }>;
}) {
  const download = useMutation({ mutationFn: () => saveFile(fetchFile(), fallbackName) });
  return (
    <Stack gap={4} align="flex-start">
      <Button variant="default" {...button} loading={download.isPending} onClick={() => download.mutate()}>
        {label}
      </Button>
      {download.error && (
        <Alert color="red" role="alert" title="The file could not be downloaded" py="xs">
          {errorWords(download.error)}
        </Alert>
      )}
    </Stack>
  );
}
