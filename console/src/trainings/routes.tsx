import type { RouteObject } from 'react-router';
import type { Section } from '../layout/sections';
import { CoursePage } from './CoursePage';
import { CoursesPage } from './CoursesPage';
import { canSeeTrainings } from './rights';
import { TrainingPage } from './TrainingPage';
import { TrainingsPage } from './TrainingsPage';

/** Trainings, courses and programs (administrators): the screens under the signed-in frame. */
export const trainingRoutes: RouteObject[] = [
  { path: 'trainings', element: <TrainingsPage /> },
  { path: 'trainings/:id', element: <TrainingPage /> },
  { path: 'courses', element: <CoursesPage key="courses" kind="courses" /> },
  { path: 'courses/:id', element: <CoursePage key="courses" kind="courses" /> },
  { path: 'programs', element: <CoursesPage key="programs" kind="programs" /> },
  { path: 'programs/:id', element: <CoursePage key="programs" kind="programs" /> },
];

/** Their entries in the navigation: for anyone holding a training permission (training-service lets them list). */
export const trainingSections: Section[] = [
  { to: '/trainings', label: 'Trainings', visible: canSeeTrainings },
  { to: '/courses', label: 'Courses', visible: canSeeTrainings },
  { to: '/programs', label: 'Programs', visible: canSeeTrainings },
];
