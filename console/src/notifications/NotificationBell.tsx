/** The header's notification entry (unread count, live pop-ups). */
export function NotificationBell() {
  return null;
}
