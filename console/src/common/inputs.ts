/** What the organization's form inputs share. */
import { useState } from 'react';

/**
 * Props for a select in a dialog: while its list is open, Escape closes the list and leaves the dialog open (the
 * dialog closes on an Escape from an element not marked so).
 */
export function useEscapeInDropdown() {
  const [open, setOpen] = useState(false);
  return {
    onDropdownOpen: () => setOpen(true),
    onDropdownClose: () => setOpen(false),
    'data-mantine-stop-propagation': open ? 'true' : undefined,
  };
}
