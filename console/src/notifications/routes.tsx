import type { RouteObject } from 'react-router';
import type { Section } from '../layout/sections';
import { NotificationsPage } from './NotificationsPage';

/** The notification center: the screens under the signed-in frame. */
export const notificationRoutes: RouteObject[] = [
  { path: 'notifications', element: <NotificationsPage /> },
];

/** Their entries in the navigation: everyone signed in has a notification center. */
export const notificationSections: Section[] = [
  { to: '/notifications', label: 'Notifications', visible: () => true },
];
