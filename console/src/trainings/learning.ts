/** Courses and programs: one API with the kind in the path, and the words for each kind. */
import { useQuery } from '@tanstack/react-query';
import { answer, trainingApi } from '../api/client';

export type Kind = 'courses' | 'programs';

export const KIND_WORDS: Record<Kind, { one: string; title: string; none: string }> = {
  courses: { one: 'course', title: 'Courses', none: 'No courses yet.' },
  programs: { one: 'program', title: 'Programs', none: 'No programs yet.' },
};

/** Every course of the account (the most a page holds), for a program's course picker and its course titles. */
export function useAllCourses(enabled = true) {
  return useQuery({
    queryKey: ['courses', 'all'],
    queryFn: () => answer(trainingApi.GET('/{kind}', { params: { path: { kind: 'courses' }, query: { page: 0, size: 500 } } })),
    enabled,
  });
}
