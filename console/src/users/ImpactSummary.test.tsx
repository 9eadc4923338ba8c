import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import { MantineProvider } from '@mantine/core';
import { ImpactSummary } from './ImpactSummary';
import type { Impact } from './bulk';

function impact(overrides: Partial<Impact['totals']>, unknown: Impact['unknown'] = []): Impact {
  return {
    status: 'EMPLOYMENT_ENDED',
    totals: {
      requested: 3, applied: 2, skipped: { ACCOUNT_OWNER: 1 }, accountOwnerRefused: true, signInBlocked: 2,
      sessionsCut: 1, seats: { limit: 50, takenNow: 10, takenAfter: 8, freed: 2, taken: 0, refusedByLimit: 0 },
      groupsLeft: 0, groupsJoined: 0, enrollmentsDropped: 3, waitlistPromotions: 1, learningLeftUnfinished: 0,
      queuedEmailsCancelled: 4, noticesErased: 0, trainingRecordsErased: 0,
      ...overrides,
    },
    users: [],
    sessions: [],
    unknown,
  } as Impact;
}

describe('ImpactSummary', () => {
  it('says in sentences what ending two employments does and why the owner is left alone', () => {
    render(<MantineProvider><ImpactSummary impact={impact({})} /></MantineProvider>);
    expect(screen.getByText('2 users will be changed.')).toBeInTheDocument();
    expect(screen.getByText('2 users will no longer be able to sign in.')).toBeInTheDocument();
    expect(screen.getByText('1 signed-in session will end at once.')).toBeInTheDocument();
    expect(screen.getByText('3 upcoming enrollments will be dropped.')).toBeInTheDocument();
    expect(screen.getByText('1 person on waitlists will get the freed seats.')).toBeInTheDocument();
    expect(screen.getByText('4 queued emails will be cancelled.')).toBeInTheDocument();
    expect(screen.getByText('2 seats will be freed (8 of 50 taken after).')).toBeInTheDocument();
    expect(screen.getByText('1 user: The Account Owner cannot be deactivated, ended or deleted')).toBeInTheDocument();
  });

  it('says which part is not known rather than a made-up zero', () => {
    render(
      <MantineProvider>
        <ImpactSummary impact={impact({ enrollmentsDropped: undefined, waitlistPromotions: undefined },
          [{ part: 'training', service: 'training-service', reason: 'did not answer within 1.5 s' }])} />
      </MantineProvider>,
    );
    expect(screen.getByText('training (training-service): did not answer within 1.5 s')).toBeInTheDocument();
    expect(screen.queryByText(/enrollment/)).not.toBeInTheDocument();
  });
});
