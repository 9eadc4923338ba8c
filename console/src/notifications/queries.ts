/** The notification center's data as TanStack Query keeps it: one key root, refreshed whenever a notice arrives. */
import { notificationApi, answer } from '../api/client';

export const NOTIFICATIONS = ['notifications'] as const;

/** How many of the person's notices are unread. */
export const unreadCountQuery = {
  queryKey: [...NOTIFICATIONS, 'unread-count'],
  queryFn: async () => Number((await answer(notificationApi.GET('/notifications/unread-count'))).count ?? 0),
};

