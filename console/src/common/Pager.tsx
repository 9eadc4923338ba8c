import { Group, Pagination } from '@mantine/core';

/** The pages of a list the server pages, each control named for a screen reader ("Page 3", "next page"). */
export function Pager({ label, total, value, onChange, hideSingle = false }: {
  label: string;
  total: number;
  value: number;
  onChange: (page: number) => void;
  /** Leave it out while there is one page only. */
  hideSingle?: boolean;
}) {
  if (hideSingle && total <= 1) return null;
  return (
    <Group justify="flex-end">
      <Pagination total={total} value={value} onChange={onChange} aria-label={label}
        getControlProps={(control) => ({ 'aria-label': `${control} page` })}
        getItemProps={(number) => ({ 'aria-label': `Page ${number}` })} />
    </Group>
  );
}
