import { describe, expect, it } from 'vitest';
import { CUSTOM_ROLE_PERMISSIONS, PERMISSIONS, permissionsWords, permissionWords, ruleWords, seatWords,
  timeZones } from './words';

describe('permission words', () => {
  it('names every permission the API knows, in the words of the product', () => {
    expect(PERMISSIONS.map((permission) => permission.value)).toEqual([
      'USERS_VIEW', 'USERS_MANAGE', 'USERS_DELETE', 'USERS_IMPORT_EXPORT', 'ROLES_MANAGE', 'TRAININGS_MANAGE',
      'TRAININGS_VIEW_USERS_AND_ENROLL', 'TRAININGS_ENROLL_USERS', 'ACCOUNT_MANAGE']);
    expect(permissionWords('TRAININGS_VIEW_USERS_AND_ENROLL')).toBe('View users and enroll them in training');
    expect(permissionWords('TRAININGS_ENROLL_USERS')).toBe('Enroll users');
    PERMISSIONS.forEach((permission) => expect(permission.description).toMatch(/\.$/));
  });

  it('leaves managing the account out of what a custom role may hold', () => {
    expect(CUSTOM_ROLE_PERMISSIONS.map((permission) => permission.value)).not.toContain('ACCOUNT_MANAGE');
    expect(CUSTOM_ROLE_PERMISSIONS).toHaveLength(PERMISSIONS.length - 1);
  });

  it('says a role\'s permissions in one line, in the listed order', () => {
    expect(permissionsWords([])).toBe('None');
    expect(permissionsWords(PERMISSIONS.map((permission) => permission.value))).toBe('Every permission');
    expect(permissionsWords(['TRAININGS_ENROLL_USERS', 'USERS_VIEW'])).toBe('View users, Enroll users');
  });

  it('shows a permission this console does not know by its code', () => {
    expect(permissionWords('REPORTS_VIEW')).toBe('REPORTS_VIEW');
  });
});

describe('ruleWords', () => {
  const pathOf = (id: string) => (id === 'sales' ? 'My Company / Sales Department' : undefined);

  it('says which people a smart group selects', () => {
    expect(ruleWords({ departmentId: 'sales' }, pathOf)).toBe('In My Company / Sales Department and below');
    expect(ruleWords({ jobTitle: 'Engineer' }, pathOf)).toBe('With the job title Engineer');
    expect(ruleWords({ departmentId: 'sales', jobTitle: 'Sales Manager' }, pathOf))
      .toBe('In My Company / Sales Department and below, with the job title Sales Manager');
  });

  it('reads no rule as everyone, and a department out of sight as such', () => {
    expect(ruleWords(undefined, pathOf)).toBe('Everyone in the account');
    expect(ruleWords({ jobTitle: '  ' }, pathOf)).toBe('Everyone in the account');
    expect(ruleWords({ departmentId: 'elsewhere' }, pathOf)).toBe('In a department you cannot see and below');
  });
});

describe('seatWords', () => {
  it('says the seats used against the limit, with the share for the bar', () => {
    expect(seatWords(7, 50)).toEqual({ text: '7 of 50 seats used', percent: 14, full: false });
    expect(seatWords(1200, 1000)).toEqual({ text: '1,200 of 1,000 seats used', percent: 100, full: true });
    expect(seatWords(50, 50).full).toBe(true);
  });
});

describe('timeZones', () => {
  it('lists IANA zones in order, with the account\'s own even where the browser lacks it', () => {
    const zones = timeZones('Mars/Olympus_Mons');
    expect(zones).toContain('Europe/Berlin');
    expect(zones).toContain('UTC');
    expect(zones).toContain('Mars/Olympus_Mons');
    expect([...zones].sort()).toEqual(zones);
    expect(new Set(zones).size).toBe(zones.length);
  });
});
