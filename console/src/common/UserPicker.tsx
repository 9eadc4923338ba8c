import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { api, answer } from '../api/client';
import { personWords } from './people';

interface Props {
  label: string;
  /** The chosen user's id, or null for none. */
  value: string | null;
  /** The chosen user's name, to show before the search has found them. */
  valueName?: string;
  onChange: (id: string | null, name: string | null) => void;
  readOnly?: boolean;
  /** A user who may not be chosen (e.g. the card's own user as their own supervisor). */
  exclude?: string;
  description?: string;
}

/** Picks one user of the account, found by the server as the person types (a long list is never loaded whole). */
export function UserPicker({ label, value, valueName, onChange, readOnly, exclude, description }: Props) {
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const found = useQuery({
    queryKey: ['users', 'pick', q],
    queryFn: () => answer(api.GET('/users', { params: { query: { q: q || undefined, status: ['ACTIVE', 'INACTIVE'], size: 20 } } })),
    enabled: !readOnly,
    staleTime: 10_000,
  });
  const choices = (found.data?.items ?? [])
    .filter((user) => user.id && user.id !== exclude)
    .map((user) => ({ value: user.id as string, label: personWords(user) }));
  if (value && valueName && !choices.some((choice) => choice.value === value)) {
    choices.unshift({ value, label: valueName });
  }
  return (
    <Select label={label} description={description} searchable clearable readOnly={readOnly} value={value}
      data={choices} searchValue={search} onSearchChange={setSearch} nothingFoundMessage={found.isFetching ? 'Searching…' : 'No user matches'}
      filter={({ options }) => options} placeholder="Type a name, login or email"
      onChange={(id, option) => onChange(id, option?.label ?? null)} />
  );
}
