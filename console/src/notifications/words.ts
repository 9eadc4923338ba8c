/** The words of the notification center. */

/** The bell's name for screen readers: what it opens and how many are unread. */
export function bellLabel(unread: number | undefined): string {
  return unread === undefined ? 'Notifications' : `Notifications, ${unread.toLocaleString('en')} unread`;
}

/** When a notice came, in the reader's time zone: "Dec 7, 2026, 17:32". */
export function formatTime(iso: string | undefined): string {
  if (!iso) return '';
  return new Date(iso).toLocaleString('en', { month: 'short', day: 'numeric', year: 'numeric', hour: '2-digit',
    minute: '2-digit', hourCycle: 'h23' });
}
