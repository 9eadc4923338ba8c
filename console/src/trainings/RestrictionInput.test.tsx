import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/react';
import { MantineProvider } from '@mantine/core';
import { RestrictionInput } from './RestrictionInput';
import { registrationWords } from './words';

describe('RestrictionInput', () => {
  it('turned on, starts at one day before and says so', () => {
    const onChange = vi.fn();
    render(
      <MantineProvider>
        <RestrictionInput legend="Stop registration" switchLabel="Close registration before each session" value={null}
          words={registrationWords} onChange={onChange} />
      </MantineProvider>,
    );
    expect(screen.getByText('Registration for a session closes when it starts.')).toBeInTheDocument();
    expect(screen.queryByLabelText('How long before')).not.toBeInTheDocument();
    fireEvent.click(screen.getByRole('switch', { name: 'Close registration before each session' }));
    expect(onChange).toHaveBeenCalledWith({ amount: 1, unit: 'DAYS' });
  });

  it('shows the amount and unit of a set restriction, and an empty amount as not a number', () => {
    const onChange = vi.fn();
    render(
      <MantineProvider>
        <RestrictionInput legend="Stop registration" switchLabel="Close registration before each session"
          value={{ amount: 3, unit: 'WEEKS' }} words={registrationWords} onChange={onChange} />
      </MantineProvider>,
    );
    expect(screen.getByText('Registration for a session closes 3 weeks before it starts.')).toBeInTheDocument();
    expect(screen.getByRole('group', { name: 'Stop registration' })).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText('How long before'), { target: { value: '' } });
    expect(onChange).toHaveBeenLastCalledWith({ amount: Number.NaN, unit: 'WEEKS' });
  });
});
