import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import { MantineProvider } from '@mantine/core';
import { PerUserOutcome } from './PerUserOutcome';
import { userOutcomes } from './words';

describe('PerUserOutcome', () => {
  it('names each user with what happened to them, the waitlisted and skipped ones too', () => {
    const names = new Map([['u-1', 'Agata Brown (agata.brown)'], ['u-2', 'Julie Gibson (julie.gibson)']]);
    render(
      <MantineProvider>
        <PerUserOutcome names={names} outcomes={userOutcomes(['u-1', 'u-2', 'u-9'], {
          applied: ['u-1', 'u-2'], waitlisted: ['u-2'], skipped: [{ userId: 'u-9', reason: 'NOT_FOUND' }],
        }, 'Enrolled')} />
      </MantineProvider>,
    );
    expect(screen.getByText('Done for 2 of 3.')).toBeInTheDocument();
    expect(screen.getByText('Agata Brown (agata.brown): Enrolled')).toBeInTheDocument();
    expect(screen.getByText('Julie Gibson (julie.gibson): On the waitlist: the session is full')).toBeInTheDocument();
    expect(screen.getByText('u-9: Skipped: Not a user of this account')).toBeInTheDocument();
  });
});
