import { Badge } from '@mantine/core';
import { formatDate, STATUS_WORDS, type UserStatus } from './words';

const STATUS_COLORS: Record<UserStatus, string> = {
  ACTIVE: 'green',
  INACTIVE: 'gray',
  EMPLOYMENT_ENDED: 'orange',
  DELETED: 'red',
};

// a narrow column wraps the words rather than cutting the date off
const WRAPPING = { root: { height: 'auto', minHeight: 26, paddingBlock: 2 }, label: { whiteSpace: 'normal', overflow: 'visible' } } as const;

/** A user's status in words, Employment Ended with its date; the colour is the dot's, the words in the text colour. */
export function StatusBadge({ status, employmentEndedOn }: { status: UserStatus; employmentEndedOn?: string }) {
  return (
    <Badge color={STATUS_COLORS[status]} variant="dot" tt="none" size="lg" c="dark" styles={WRAPPING}>
      {STATUS_WORDS[status]}
      {status === 'EMPLOYMENT_ENDED' && employmentEndedOn ? ` ${formatDate(employmentEndedOn)}` : ''}
    </Badge>
  );
}
