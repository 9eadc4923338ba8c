import type { RouteObject } from 'react-router';
import type { Section } from '../layout/sections';
import { can } from '../session/session';
import { CatalogPage } from './CatalogPage';
import { MyLearningPage } from './MyLearningPage';
import { MyTrainingsPage } from './MyTrainingsPage';

/** A learner's own: catalog, my trainings, courses and programs: the screens under the signed-in frame. */
export const learningRoutes: RouteObject[] = [
  { path: 'catalog', element: <CatalogPage /> },
  { path: 'my/trainings', element: <MyTrainingsPage /> },
  { path: 'my/courses', element: <MyLearningPage kind="courses" /> },
  { path: 'my/programs', element: <MyLearningPage kind="programs" /> },
];

/** Their entries in the navigation: everyone signed in is a learner too; the start page for those who land on it. */
export const learningSections: Section[] = [
  { to: '/', label: 'Home', visible: () => !can('USERS_VIEW') },
  { to: '/catalog', label: 'Catalog', visible: () => true },
  { to: '/my/trainings', label: 'My trainings', visible: () => true },
  { to: '/my/courses', label: 'My courses', visible: () => true },
  { to: '/my/programs', label: 'My programs', visible: () => true },
];
