import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MantineProvider } from '@mantine/core';
import { DepartmentTree } from './DepartmentTree';
import { buildTree } from './tree';

const roots = buildTree([
  { id: 'root', name: 'My Company', path: 'My Company', userCount: 7 },
  { id: 'sales', parentId: 'root', name: 'Sales Department', path: 'My Company / Sales Department', userCount: 1 },
  { id: 'care', parentId: 'sales', name: 'Customer Care', path: 'My Company / Sales Department / Customer Care',
    userCount: 1 },
]);

/** The tree with its state kept as the page keeps it. */
function Harness() {
  const [expanded, setExpanded] = useState(new Set(['root']));
  const [selected, setSelected] = useState<string>();
  return (
    <MantineProvider>
      <DepartmentTree roots={roots} selected={selected} expanded={expanded} onSelect={setSelected}
        onToggle={(id) => setExpanded((before) => {
          const after = new Set(before);
          if (!after.delete(id)) after.add(id);
          return after;
        })} />
    </MantineProvider>
  );
}

describe('DepartmentTree', () => {
  it('shows and hides sub-departments from the keyboard, saying whether they are shown', async () => {
    const user = userEvent.setup();
    render(<Harness />);
    const toggle = screen.getByRole('button', { name: 'Sub-departments of Sales Department' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByRole('button', { name: /^Customer Care/ })).not.toBeInTheDocument();

    toggle.focus();
    await user.keyboard('{Enter}');
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    expect(screen.getByRole('button', { name: 'Customer Care 1 user' })).toBeInTheDocument();

    await user.keyboard(' ');
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
  });

  it('marks the department opened as the current one', async () => {
    const user = userEvent.setup();
    render(<Harness />);
    const sales = screen.getByRole('button', { name: 'Sales Department 1 user' });
    expect(sales).not.toHaveAttribute('aria-current');
    await user.click(sales);
    expect(sales).toHaveAttribute('aria-current', 'true');
    expect(screen.getByRole('button', { name: 'My Company 7 users' })).not.toHaveAttribute('aria-current');
  });

  it('gives a department without sub-departments no toggle', () => {
    render(<Harness />);
    expect(screen.queryByRole('button', { name: 'Sub-departments of Customer Care' })).not.toBeInTheDocument();
  });
});
