import { useEffect, useRef } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { LEARNING } from '../learning/queries';
import { currentClaims, onSessionChange } from '../session/session';
import { followNotifications, type Notice } from './liveStream';
import { NOTIFICATIONS } from './queries';

/**
 * Follows the live stream while `who` is signed in, handing each new notice to `onNotice` and refreshing the count and
 * the lists (a notice about the person's own enrollment refreshes their trainings too); stops on sign-out.
 */
export function useLiveNotifications(who: string | undefined, onNotice: (notice: Notice) => void) {
  const queries = useQueryClient();
  const latest = useRef(onNotice);
  useEffect(() => {
    latest.current = onNotice;
  });

  useEffect(() => {
    if (!who) return undefined;
    const controller = new AbortController();
    const stop = onSessionChange(() => {
      if (currentClaims()?.sub !== who) controller.abort();
    });
    let connected = false;
    void followNotifications({
      ready: () => {
        // after a reconnection, notices that came while the stream was down are read with the lists
        if (connected) void queries.invalidateQueries({ queryKey: NOTIFICATIONS });
        connected = true;
      },
      notification: (notice) => {
        latest.current(notice);
        void queries.invalidateQueries({ queryKey: NOTIFICATIONS });
        if (notice.kind?.startsWith('learner-')) void queries.invalidateQueries({ queryKey: LEARNING });
      },
    }, controller.signal);
    return () => {
      stop();
      controller.abort();
    };
  }, [who, queries]);
}
