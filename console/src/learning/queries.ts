/** The learner's own data as TanStack Query keeps it: one key root, so a change refreshes every screen that shows it. */
import { trainingApi, answer } from '../api/client';

/** Every learning query's key starts with this; invalidating it refreshes the catalog, trainings, courses and programs. */
export const LEARNING = ['learning'] as const;

export const MY_TRAININGS_PAGE_SIZE = 10;

/** One page (from 1) of the learner's enrollments, newest first. */
export function myTrainingsQuery(page: number) {
  return {
    queryKey: [...LEARNING, 'my-trainings', page],
    queryFn: () => answer(trainingApi.GET('/me/trainings', {
      params: { query: { page: page - 1, size: MY_TRAININGS_PAGE_SIZE } },
    })),
  };
}

export type LearningKind = 'courses' | 'programs';

/** The learner's assigned courses or programs (the service answers them all at once). */
export function mineQuery(kind: LearningKind) {
  return {
    queryKey: [...LEARNING, 'mine', kind],
    queryFn: () => answer(trainingApi.GET('/me/{kind}', { params: { path: { kind } } })),
  };
}
