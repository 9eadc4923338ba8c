import type { RouteObject } from 'react-router';
import type { Section } from '../layout/sections';

/** A learner's own: catalog, my trainings, courses and programs: the screens under the signed-in frame. */
export const learningRoutes: RouteObject[] = [];

/** Their entries in the navigation. */
export const learningSections: Section[] = [];
