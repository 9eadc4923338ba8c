import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Group, NumberInput, Stack } from '@mantine/core';
import { trainingApi, answer, errorWords } from '../api/client';
import { LEARNING } from './queries';


/** Why a progress cannot be recorded, or null: a whole percent, from where the learner is now up to 100 (it never goes back). */
export function progressProblem(value: number | string, current: number): string | null {
  if (value === '' || !Number.isInteger(Number(value))) return 'Enter a whole percent.';
  const next = Number(value);
  if (next > 100) return 'At most 100%.';
  if (next <= current) return `Progress never goes back: enter more than ${current}%.`;
  return null;
}

/** Records the learner's progress in one of their courses: a percent saved, or the course marked complete. */
export function ProgressForm({ courseId, title, current }: { courseId: string; title: string; current: number }) {
  const queries = useQueryClient();
  const [value, setValue] = useState<number | string>(Math.min(100, current + 10));
  const [tried, setTried] = useState(false);
  const save = useMutation({
    mutationFn: (progress: number) => answer(trainingApi.PUT('/me/courses/{id}/progress', {
      params: { path: { id: courseId } },
      body: { progress },
    })),
    onSuccess: () => queries.invalidateQueries({ queryKey: LEARNING }),
  });
  const problem = progressProblem(value, current);

  function submit(event: FormEvent) {
    event.preventDefault();
    setTried(true);
    if (!problem) save.mutate(Number(value));
  }

  return (
    <form onSubmit={submit} aria-label={`Progress in ${title}`}>
      <Stack gap="xs">
        <Group align="flex-end" gap="sm" wrap="wrap">
          <NumberInput label="Progress (%)" min={0} max={100} step={10} w={140} allowDecimal={false} value={value}
            onChange={setValue} error={tried ? problem : undefined} />
          <Button type="submit" variant="default" loading={save.isPending && save.variables !== 100}>Save progress</Button>
          <Button loading={save.isPending && save.variables === 100} onClick={() => save.mutate(100)}>Mark as complete</Button>
        </Group>
        {save.error && <Alert color="red" role="alert" title="Your progress was not saved">{errorWords(save.error)}</Alert>}
      </Stack>
    </form>
  );
}
