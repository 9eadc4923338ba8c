/** The account's departments, groups and roles, shared by every screen that names or offers them (read again on each mount). */
import { useQuery } from '@tanstack/react-query';
import { api, answer } from '../api/client';

export function useDepartments() {
  return useQuery({ queryKey: ['departments'], queryFn: () => answer(api.GET('/departments')) });
}

export function useGroups() {
  return useQuery({ queryKey: ['groups'], queryFn: () => answer(api.GET('/groups')) });
}

export function useRoles() {
  return useQuery({ queryKey: ['roles'], queryFn: () => answer(api.GET('/roles')) });
}

/** Departments as choices, each named by its path in the tree ("My Company / Sales / Customer Care"), sorted by it. */
export function departmentChoices(departments: Array<{ id?: string; name?: string; path?: string }> | undefined) {
  return (departments ?? [])
    .filter((department) => department.id)
    .map((department) => ({ value: department.id as string, label: department.path || department.name || '' }))
    .sort((a, b) => a.label.localeCompare(b.label));
}
