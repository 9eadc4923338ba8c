import type { RouteObject } from 'react-router';
import type { Section } from '../layout/sections';
import { can } from '../session/session';
import { ImportPage } from './ImportPage';
import { ImportsPage } from './ImportsPage';

/** Export and import: the screens under the signed-in frame. */
export const importRoutes: RouteObject[] = [
  { path: 'imports', element: <ImportsPage /> },
  { path: 'imports/:id', element: <ImportPage /> },
];

/** Their entries in the navigation. */
export const importSections: Section[] = [
  { to: '/imports', label: 'Import and export', visible: () => can('USERS_IMPORT_EXPORT') },
];
