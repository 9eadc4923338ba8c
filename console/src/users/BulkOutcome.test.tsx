import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import { MantineProvider } from '@mantine/core';
import { BulkOutcome } from './BulkOutcome';

describe('BulkOutcome', () => {
  const names = new Map([['u-1', 'Olivia Owner (owner)'], ['u-2', 'Earl Miller (earl.miller)']]);

  it('says how many were changed and names each skipped user with the reason in words', () => {
    render(
      <MantineProvider>
        <BulkOutcome names={names} outcome={{
          applied: ['u-2', 'u-3'],
          skipped: [{ userId: 'u-1', reason: 'ACCOUNT_OWNER' }, { userId: 'u-9', reason: 'OUT_OF_SCOPE' }],
        }} />
      </MantineProvider>,
    );
    expect(screen.getByText('2 users were changed.')).toBeInTheDocument();
    expect(screen.getByText('2 users were skipped')).toBeInTheDocument();
    expect(screen.getByText('Olivia Owner (owner): The Account Owner cannot be deactivated, ended or deleted')).toBeInTheDocument();
    // a user picked on no page the console still knows is named by id
    expect(screen.getByText('u-9: Outside the departments you manage')).toBeInTheDocument();
  });

  it('says was for one user', () => {
    render(
      <MantineProvider>
        <BulkOutcome names={names} outcome={{ applied: ['u-2'], skipped: [{ userId: 'u-1', reason: 'ACCOUNT_OWNER' }] }} />
      </MantineProvider>,
    );
    expect(screen.getByText('1 user was changed.')).toBeInTheDocument();
    expect(screen.getByText('1 user was skipped')).toBeInTheDocument();
  });

  it('speaks of a dry run in the conditional', () => {
    render(
      <MantineProvider>
        <BulkOutcome names={names} outcome={{ applied: ['u-2'], skipped: [], dryRun: true }} />
      </MantineProvider>,
    );
    expect(screen.getByText('1 user would be changed.')).toBeInTheDocument();
  });
});
