/** The server's state the organization screens share: the department tree, roles, and people named by id. */
import { useMemo } from 'react';
import { useQueries, useQuery } from '@tanstack/react-query';
import { api, answer } from '../api/client';
import { buildTree, flatten } from './tree';
import { personWords } from '../common/people';

/** The departments the signed-in person may see, as a tree, with each one's path by id. */
export function useDepartments() {
  const query = useQuery({ queryKey: ['departments'], queryFn: () => answer(api.GET('/departments')) });
  const roots = useMemo(() => buildTree(query.data ?? []), [query.data]);
  const paths = useMemo(() => new Map(flatten(roots).map((node) => [node.id, node.path])), [roots]);
  return { query, roots, pathOf: (id: string) => paths.get(id) };
}

export function useRoles() {
  return useQuery({ queryKey: ['roles'], queryFn: () => answer(api.GET('/roles')) });
}

/** People's names by id (for supervisors): each read once; one the reader may not see is named as such. */
export function usePeople(ids: string[]): Map<string, string> {
  const people = useQueries({
    queries: ids.map((id) => ({
      queryKey: ['person', id],
      queryFn: () => answer(api.GET('/users/{id}', { params: { path: { id } } })),
      staleTime: 60_000,
    })),
  });
  return new Map(ids.map((id, index) => {
    const person = people[index];
    return [id, person.data ? personWords(person.data) : person.error ? 'Someone you cannot see' : 'Loading…'];
  }));
}
