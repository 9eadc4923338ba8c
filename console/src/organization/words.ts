/** The words a person reads for the organization's codes: permissions, role and group kinds, rules, seats. */
import type { components } from '../api/user-service';

export type Permission = components['schemas']['RoleRequest']['permissions'][number];
export type RoleKind = NonNullable<components['schemas']['RoleResponse']['kind']>;
export type GroupKind = NonNullable<components['schemas']['GroupResponse']['kind']>;
export type Deprovision = components['schemas']['ScimSettings']['deprovision'];

/** Every permission in the order a person reads them, each with its name and what it lets one do. */
export const PERMISSIONS: Array<{ value: Permission; label: string; description: string }> = [
  { value: 'USERS_VIEW', label: 'View users', description: 'See users, departments and groups.' },
  { value: 'USERS_MANAGE', label: 'Manage users',
    description: 'Add and edit users, change their status, manage departments and groups.' },
  { value: 'USERS_DELETE', label: 'Delete users', description: 'Delete users for good, with everything about them.' },
  { value: 'USERS_IMPORT_EXPORT', label: 'Import and export users',
    description: 'Upload user files and download the users list.' },
  { value: 'ROLES_MANAGE', label: 'Manage roles', description: 'Give and take roles, and create and edit custom roles.' },
  { value: 'TRAININGS_MANAGE', label: 'Manage trainings',
    description: 'Create and change trainings, courses and programs.' },
  { value: 'TRAININGS_VIEW_USERS_AND_ENROLL', label: 'View users and enroll them in training',
    description: 'See the users and enroll them in trainings.' },
  { value: 'TRAININGS_ENROLL_USERS', label: 'Enroll users', description: 'Enroll users in trainings.' },
  { value: 'ACCOUNT_MANAGE', label: 'Manage the account',
    description: 'Change the account\'s name, time zone and seat limit. Built-in roles only.' },
];

/** The permissions a custom role may hold: managing the account stays with the Account Owner and administrators. */
export const CUSTOM_ROLE_PERMISSIONS = PERMISSIONS.filter((permission) => permission.value !== 'ACCOUNT_MANAGE');

export function permissionWords(permission: string): string {
  return PERMISSIONS.find((known) => known.value === permission)?.label ?? permission;
}

/** A role's permissions in one line: every one, none, or each by name in the order they are listed. */
export function permissionsWords(permissions: string[]): string {
  if (permissions.length === 0) return 'None';
  if (PERMISSIONS.every((known) => permissions.includes(known.value))) return 'Every permission';
  return [...permissions]
    .sort((a, b) => PERMISSIONS.findIndex((known) => known.value === a) - PERMISSIONS.findIndex((known) => known.value === b))
    .map(permissionWords)
    .join(', ');
}

export const ROLE_KIND_WORDS: Record<RoleKind, string> = {
  OWNER: 'Built in',
  ADMINISTRATOR: 'Built in',
  LEARNER: 'Built in',
  CUSTOM: 'Custom',
};

export const GROUP_KIND_WORDS: Record<GroupKind, string> = {
  STATIC: 'Static',
  SMART: 'Smart',
};

export const DEPROVISION_WORDS: Record<Deprovision, string> = {
  INACTIVE: 'Deactivate the user',
  EMPLOYMENT_ENDED: 'End the user\'s employment',
};

/**
 * What selects a smart group's members, in a sentence; `pathOf` names a department by its path (an id the reader
 * cannot see is named as a department they cannot see).
 */
export function ruleWords(rules: { departmentId?: string; jobTitle?: string } | undefined,
    pathOf: (id: string) => string | undefined): string {
  const department = rules?.departmentId ? pathOf(rules.departmentId) ?? 'a department you cannot see' : undefined;
  const jobTitle = rules?.jobTitle?.trim() || undefined;
  if (department && jobTitle) return `In ${department} and below, with the job title ${jobTitle}`;
  if (department) return `In ${department} and below`;
  if (jobTitle) return `With the job title ${jobTitle}`;
  return 'Everyone in the account';
}

/** Seats in use against the limit, as words and as a share of the limit (0 to 100). */
export function seatWords(used: number, limit: number): { text: string; percent: number; full: boolean } {
  const percent = limit > 0 ? Math.min(100, Math.round((used / limit) * 100)) : 100;
  return {
    text: `${used.toLocaleString('en')} of ${limit.toLocaleString('en')} seats used`,
    percent,
    full: used >= limit,
  };
}

/** The IANA time zones to pick from, the current one included even where this browser does not list it. */
export function timeZones(current?: string): string[] {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const all = new Set(zones);
  if (current) all.add(current);
  all.add('UTC');
  return [...all].sort();
}


