import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ApiError } from '../api/client';
import { asksConfirmation, UnenrollDialog } from './UnenrollDialog';
import type { MyTraining } from './words';

const ENROLLED: MyTraining = {
  trainingId: 't-1', title: 'Negotiation Skills', status: 'ENROLLED', sessionId: 's-1', allowedActions: ['UNENROLL'],
  warnings: [], session: { id: 's-1', localStartsAt: '2026-12-14T09:00:00', localEndsAt: '2026-12-14T17:00:00',
    location: 'Berlin, Room Spree' },
};

function show(item: MyTraining) {
  render(
    <MantineProvider>
      <QueryClientProvider client={new QueryClient()}>
        <UnenrollDialog item={item} onClose={() => undefined} />
      </QueryClientProvider>
    </MantineProvider>,
  );
}

describe('UnenrollDialog', () => {
  it('says which seat the learner gives up and asks once', () => {
    show(ENROLLED);
    expect(screen.getByText('You give up your seat: Mon, Dec 14, 2026, 09:00–17:00, Berlin, Room Spree.')).toBeInTheDocument();
    expect(screen.queryByText('You cannot enroll again')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Unenroll' })).toBeInTheDocument();
  });

  it('warns that there is no way back once registration has closed, and asks to unenroll anyway', () => {
    show({ ...ENROLLED, warnings: ['RE_ENROLLMENT_IMPOSSIBLE'] });
    expect(screen.getByText('You cannot enroll again')).toBeInTheDocument();
    expect(screen.getByText(/once you unenroll, you cannot enroll again/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Unenroll anyway' })).toBeInTheDocument();
  });

  it('knows the service\'s request for confirmation from any other refusal', () => {
    expect(asksConfirmation(new ApiError({ status: 409, title: 'Confirmation needed',
      type: 'https://roster.dev/problems/re-enrollment-impossible' }))).toBe(true);
    expect(asksConfirmation(new ApiError({ status: 409, title: 'Conflict',
      type: 'https://roster.dev/problems/cancellation-deadline-passed' }))).toBe(false);
  });
});
