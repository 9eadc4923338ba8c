import { describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { importApi } from '../api/client';
import { PreviewRows } from './PreviewRows';

vi.mock('../api/client', async (original) => ({
  ...(await original<typeof import('../api/client')>()),
  importApi: { GET: vi.fn() },
}));

const rows = [
  { rowNumber: 2, action: 'CREATE', login: 'nina', values: { login: 'nina', firstName: 'Nina', status: 'INACTIVE' },
    errors: [], warnings: [{ column: 'Status', reason: 'Every seat is taken (limit 5): the user will be created Inactive' }],
    outcome: 'CREATED_INACTIVE' },
  { rowNumber: 3, action: 'INVALID', login: 'bad user', values: {},
    errors: [{ column: 'Login', reason: 'A login has up to 100 characters, without spaces or @' }] },
];

function answer(items: unknown[]) {
  return { data: { items, page: { number: 0, size: 25, totalElements: items.length, totalPages: 1 } },
    response: new Response(null, { status: 200 }) };
}

function show(state: 'PREVIEW' | 'COMPLETED') {
  render(
    <MantineProvider>
      <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
        <PreviewRows id="job-1" state={state} answered={1}
          summary={{ totalRows: 2, create: 1, update: 0, statusChange: 0, unchanged: 0, invalid: 1, withWarnings: 1 }} />
      </QueryClientProvider>
    </MantineProvider>,
  );
}

describe('PreviewRows', () => {
  it('shows what each row will do, the invalid row\'s reasons by column and the warnings', async () => {
    vi.mocked(importApi.GET).mockResolvedValue(answer(rows) as never);
    show('PREVIEW');
    const table = await screen.findByRole('table', { name: 'Rows of the file' });
    expect(await within(table).findByText('Login: A login has up to 100 characters, without spaces or @')).toBeInTheDocument();
    expect(within(table).getByText('Warning: Status: Every seat is taken (limit 5): the user will be created Inactive'))
      .toBeInTheDocument();
    expect(within(table).getByText('First name: Nina · Status: Inactive')).toBeInTheDocument();
    expect(within(table).getByText('New user')).toBeInTheDocument();
    // before confirmation there is no outcome to show
    expect(within(table).queryByRole('columnheader', { name: 'Outcome' })).not.toBeInTheDocument();
  });

  it('shows each row\'s outcome once applied', async () => {
    vi.mocked(importApi.GET).mockResolvedValue(answer(rows) as never);
    show('COMPLETED');
    expect(await screen.findByRole('cell', { name: 'Created as Inactive: the account had no free seat' })).toBeInTheDocument();
    expect(screen.getByRole('cell', { name: 'Skipped: invalid' })).toBeInTheDocument();
  });

  it('asks the server for the rows of the kinds picked, from the first page', async () => {
    vi.mocked(importApi.GET).mockResolvedValue(answer(rows) as never);
    show('PREVIEW');
    await userEvent.click(screen.getByRole('checkbox', { name: 'Invalid (1)' }));
    expect(importApi.GET).toHaveBeenLastCalledWith('/imports/{id}/rows',
      { params: { path: { id: 'job-1' }, query: { action: ['INVALID'], page: 0, size: 25 } } });
  });
});
