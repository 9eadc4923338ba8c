import type { RouteObject } from 'react-router';
import type { Section } from '../layout/sections';

/** Departments, groups, roles, the account: the screens under the signed-in frame. */
export const organizationRoutes: RouteObject[] = [];

/** Their entries in the navigation. */
export const organizationSections: Section[] = [];
