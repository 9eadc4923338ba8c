import type { RouteObject } from 'react-router';
import type { Section } from '../layout/sections';
import { can } from '../session/session';
import { AccountPage } from './AccountPage';
import { DepartmentsPage } from './DepartmentsPage';
import { GroupPage } from './GroupPage';
import { GroupsPage } from './GroupsPage';
import { RolesPage } from './RolesPage';

/** Departments, groups, roles, the account: the screens under the signed-in frame. */
export const organizationRoutes: RouteObject[] = [
  { path: 'departments', element: <DepartmentsPage /> },
  { path: 'groups', element: <GroupsPage /> },
  { path: 'groups/:id', element: <GroupPage /> },
  { path: 'roles', element: <RolesPage /> },
  { path: 'account', element: <AccountPage /> },
];

/** Their entries in the navigation, each for those the service lets read it (changing may need more). */
export const organizationSections: Section[] = [
  { to: '/departments', label: 'Departments', visible: () => can('USERS_VIEW') },
  { to: '/groups', label: 'Groups', visible: () => can('USERS_VIEW') },
  { to: '/roles', label: 'Roles', visible: () => can('ROLES_MANAGE') || can('USERS_MANAGE') },
  { to: '/account', label: 'Account', visible: () => can('ACCOUNT_MANAGE') },
];
