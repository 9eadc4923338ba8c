import type { RouteObject } from 'react-router';
import type { Section } from '../layout/sections';

/** Export and import: the screens under the signed-in frame. */
export const importRoutes: RouteObject[] = [];

/** Their entries in the navigation. */
export const importSections: Section[] = [];
