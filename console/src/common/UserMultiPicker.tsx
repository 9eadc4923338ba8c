import { useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { MultiSelect } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { api, answer, errorWords } from '../api/client';
import { useEscapeInDropdown } from './inputs';
import { personWords } from './people';

const RESULTS = 20;

/**
 * Picks people by searching the users list on the server (name, login or email), so it stays quick with any number
 * of users; `known` names the people picked already.
 */
export function UserMultiPicker({ label, description, value, known, statuses, onChange }: {
  label: string;
  description?: string;
  value: string[];
  known?: Map<string, string>;
  /** Only people in these statuses are offered (default: any). */
  statuses?: Array<'ACTIVE' | 'INACTIVE' | 'EMPLOYMENT_ENDED'>;
  /** The ids picked, and the name of each as the picker showed it. */
  onChange: (ids: string[], names: Map<string, string>) => void;
}) {
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const [names, setNames] = useState<Map<string, string>>(new Map());
  const escape = useEscapeInDropdown();
  // the server is asked once the list is first opened, not for every picker on a page
  const [asked, setAsked] = useState(false);
  const found = useQuery({
    queryKey: ['user-search', q, statuses],
    queryFn: () => answer(api.GET('/users', { params: { query: { q: q || undefined, status: statuses, size: RESULTS } } })),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
    enabled: asked || q !== '',
  });
  const results = (found.data?.items ?? []).filter((user) => user.id).map((user) => ({
    value: user.id as string,
    label: personWords(user),
  }));
  const nameOf = (id: string) => names.get(id) ?? known?.get(id) ?? results.find((user) => user.value === id)?.label ?? id;
  const picked = value.map((id) => ({ value: id, label: nameOf(id) }));
  const data = [...picked, ...results.filter((user) => !value.includes(user.value))];

  return (
    <MultiSelect {...escape} onDropdownOpen={() => { setAsked(true); escape.onDropdownOpen(); }}
      label={label} description={description} placeholder={value.length ? undefined : 'Search by name, login or email'}
      searchable hidePickedOptions clearable data={data} value={value}
      searchValue={search} onSearchChange={setSearch}
      // the server has searched already: every result it gave is shown
      filter={({ options }) => options}
      nothingFoundMessage={found.isFetching ? 'Searching…' : 'No user matches'}
      error={found.error ? errorWords(found.error) : undefined}
      onChange={(ids) => {
        const after = new Map(names);
        ids.forEach((id) => after.set(id, nameOf(id)));
        setNames(after);
        onChange(ids, new Map(ids.map((id) => [id, after.get(id) ?? id])));
      }} />
  );
}
