import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import { MantineProvider } from '@mantine/core';
import { ApplyProgress } from './ApplyProgress';

describe('ApplyProgress', () => {
  it('is a labelled progress bar that reads its counts out, and shows them in words', () => {
    render(
      <MantineProvider>
        <ApplyProgress progress={{ total: 4, submitted: 4, applied: 2, refused: 1, remaining: 1, submitting: false }} moving />
      </MantineProvider>,
    );
    const bar = screen.getByRole('progressbar', { name: 'Rows applied' });
    expect(bar).toHaveAttribute('aria-valuenow', '75');
    expect(bar).toHaveAttribute('aria-valuetext', '3 of 4 rows done: 2 applied, 1 refused, 1 to go');
    expect(screen.getByText('3 of 4 rows done: 2 applied, 1 refused, 1 to go')).toBeInTheDocument();
  });
});
