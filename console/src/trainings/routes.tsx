import type { RouteObject } from 'react-router';
import type { Section } from '../layout/sections';

/** Trainings, courses and programs (administrators): the screens under the signed-in frame. */
export const trainingRoutes: RouteObject[] = [];

/** Their entries in the navigation. */
export const trainingSections: Section[] = [];
