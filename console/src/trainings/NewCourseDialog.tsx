import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useMutation } from '@tanstack/react-query';
import { Button, Group, Modal, MultiSelect, Stack, Textarea, TextInput } from '@mantine/core';
import { answer, errorWords, trainingApi } from '../api/client';
import { ProblemAlert, fieldError } from '../common/ProblemAlert';
import { KIND_WORDS, useAllCourses, type Kind } from './learning';

/** A new course, or a program with its courses in the order picked; it opens once created. */
export function NewCourseDialog({ kind, onClose }: { kind: Kind; onClose: () => void }) {
  const navigate = useNavigate();
  const words = KIND_WORDS[kind];
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [courseIds, setCourseIds] = useState<string[]>([]);
  const [checked, setChecked] = useState(false);
  const courses = useAllCourses(kind === 'programs');
  const create = useMutation({
    mutationFn: () => answer(trainingApi.POST('/{kind}', {
      params: { path: { kind } },
      body: { title: title.trim(), description, ...(kind === 'programs' ? { courseIds } : {}) },
    })),
    onSuccess: (created) => navigate(`/${kind}/${created.id}`),
  });
  const titleError = checked && !title.trim() ? `A ${words.one} needs a title` : fieldError(create.error, 'title');

  function submit(event: FormEvent) {
    event.preventDefault();
    setChecked(true);
    if (title.trim()) create.mutate();
  }

  return (
    <Modal opened onClose={onClose} title={`New ${words.one}`} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput label="Title" required maxLength={200} value={title} error={titleError}
            onChange={(event) => setTitle(event.currentTarget.value)} />
          <Textarea label="Description" autosize minRows={2} maxRows={8} maxLength={10_000} value={description}
            onChange={(event) => setDescription(event.currentTarget.value)} />
          {kind === 'programs' && (
            <MultiSelect label="Courses" description="In the order learners take them" searchable
              value={courseIds}
              onChange={setCourseIds} error={courses.error ? errorWords(courses.error) : fieldError(create.error, 'courseIds')}
              nothingFoundMessage="No course matches"
              data={(courses.data?.items ?? []).map((course) => ({ value: course.id ?? '', label: course.title ?? '' }))} />
          )}
          <ProblemAlert error={create.error} title={`The ${words.one} was not created`} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>Cancel</Button>
            <Button type="submit" loading={create.isPending}>{`Create ${words.one}`}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
