import { describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/react';
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RoleDialog } from './RoleDialog';

// the signed-in person holds these permissions
const held = vi.hoisted(() => ({ permissions: [] as string[] }));
vi.mock('../session/session', () => ({
  can: (permission: string) => held.permissions.includes(permission),
  currentAccessToken: () => null,
  refresh: async () => false,
  onSessionChange: () => () => {},
}));

function renderDialog(role?: Parameters<typeof RoleDialog>[0]['role']) {
  const queries = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity, retry: false } } });
  queries.setQueryData(['departments'], [
    { id: 'root', name: 'My Company', path: 'My Company' },
    { id: 'sales', parentId: 'root', name: 'Sales Department', path: 'My Company / Sales Department' },
  ]);
  render(
    <MantineProvider>
      <QueryClientProvider client={queries}>
        <RoleDialog role={role} onClose={() => undefined} />
      </QueryClientProvider>
    </MantineProvider>,
  );
}

describe('RoleDialog', () => {
  it('shows a built-in role\'s permissions checked, in words, and fixed', () => {
    held.permissions = ['ROLES_MANAGE', 'USERS_VIEW'];
    renderDialog({ id: 'admin', kind: 'ADMINISTRATOR', name: 'Administrator',
      permissions: ['USERS_VIEW', 'ROLES_MANAGE', 'ACCOUNT_MANAGE'] });
    expect(screen.getByText('A built-in role: its permissions are fixed.')).toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: 'Manage roles' })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'Manage the account' })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'Delete users' })).not.toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'Manage roles' })).toBeDisabled();
    expect(screen.queryByRole('button', { name: 'Save' })).not.toBeInTheDocument();
  });

  it('offers a new custom role every permission but managing the account, and says which cannot be granted', () => {
    held.permissions = ['ROLES_MANAGE', 'USERS_VIEW'];
    renderDialog();
    expect(screen.queryByRole('checkbox', { name: 'Manage the account' })).not.toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: 'View users' })).toBeEnabled();
    expect(screen.getByText('See users, departments and groups.')).toBeInTheDocument();
    expect(screen.getByText('Delete users for good, with everything about them. You do not hold it, so you cannot grant it.'))
      .toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Create role' })).toBeDisabled();
  });

  it('names a custom role\'s departments by their paths', () => {
    held.permissions = ['ROLES_MANAGE', 'USERS_VIEW'];
    renderDialog({ id: 'r', kind: 'CUSTOM', name: 'Sales viewers', permissions: ['USERS_VIEW'],
      departmentIds: ['sales', 'gone'] });
    expect(screen.getAllByText('My Company / Sales Department').length).toBeGreaterThan(0);
    expect(screen.queryByText('sales')).not.toBeInTheDocument();
    // a department outside what the reader may see
    expect(screen.getAllByText('A department you cannot see').length).toBeGreaterThan(0);
    expect(screen.getByRole('checkbox', { name: 'View users' })).toBeChecked();
    expect(screen.getByRole('button', { name: 'Save' })).toBeEnabled();
  });

  it('is read only for a person who may not manage roles', () => {
    held.permissions = ['USERS_MANAGE'];
    renderDialog({ id: 'r', kind: 'CUSTOM', name: 'Sales viewers', permissions: ['USERS_VIEW'] });
    expect(screen.getByRole('checkbox', { name: 'View users' })).toBeDisabled();
    expect(screen.getByRole('textbox', { name: 'Name' })).toHaveAttribute('readonly');
    expect(screen.queryByRole('button', { name: 'Save' })).not.toBeInTheDocument();
  });
});
