import type { RouteObject } from 'react-router';
import type { Section } from '../layout/sections';

/** The notification center: the screens under the signed-in frame. */
export const notificationRoutes: RouteObject[] = [];

/** Their entries in the navigation. */
export const notificationSections: Section[] = [];
