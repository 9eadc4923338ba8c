import { useMutation } from '@tanstack/react-query';
import { Select, Stack, Text } from '@mantine/core';
import { answer, errorWords, trainingApi } from '../api/client';
import { ATTENDANCE_WORDS, type Attendance } from './words';

/** Marks whether a seated participant attended their session (once it has started). */
export function AttendanceSelect({ trainingId, userId, name, value, onChanged }: {
  trainingId: string;
  userId: string;
  name: string;
  value: Attendance | undefined;
  onChanged: () => void;
}) {
  const mark = useMutation({
    mutationFn: (attendance: Attendance) => answer(trainingApi.PUT('/trainings/{trainingId}/participants/{userId}/attendance', {
      params: { path: { trainingId, userId } }, body: { attendance },
    })),
    onSuccess: onChanged,
  });
  return (
    <Stack gap={2}>
      <Select aria-label={`Attendance of ${name}`} placeholder="Not marked" size="xs" w={150} allowDeselect={false}
        disabled={mark.isPending} value={mark.isPending ? mark.variables : value ?? null}
        data={(Object.keys(ATTENDANCE_WORDS) as Attendance[]).map((key) => ({ value: key, label: ATTENDANCE_WORDS[key] }))}
        onChange={(attendance) => attendance && mark.mutate(attendance as Attendance)} />
      {mark.error && <Text size="xs" c="red.8" role="alert">{errorWords(mark.error)}</Text>}
    </Stack>
  );
}
