import { useState } from 'react';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { ActionIcon, Indicator } from '@mantine/core';
import { useSession } from '../session/useSession';
import type { Notice } from './liveStream';
import { unreadCountQuery } from './queries';
import { Toasts } from './Toasts';
import { useLiveNotifications } from './useLiveNotifications';
import { bellLabel } from './words';

/** At most this many pop-ups at once; the newest on top. */
const SHOWN = 3;

/** The header's notification entry: the bell with the unread count, leading to the notification center; live pop-ups. */
export function NotificationBell() {
  const claims = useSession();
  const unread = useQuery({ ...unreadCountQuery, enabled: claims !== null });
  const [toasts, setToasts] = useState<Notice[]>([]);
  useLiveNotifications(claims?.sub, (notice) => setToasts((shown) => [notice, ...shown].slice(0, SHOWN)));
  const count = unread.data;

  return (
    <>
      <Indicator label={count !== undefined && count > 99 ? '99+' : count} disabled={!count} size={18} offset={4}
        attributes={{ indicator: { 'aria-hidden': true } }}>
        <ActionIcon component={Link} to="/notifications" variant="subtle" color="dark" size="lg"
          aria-label={bellLabel(count)} onClick={() => setToasts([])}>
          <BellIcon />
        </ActionIcon>
      </Indicator>
      <Toasts notices={toasts} onDismiss={(id) => setToasts((shown) => shown.filter((notice) => notice.id !== id))} />
    </>
  );
}

/** A bell, drawn (no icon package): decoration, the link carries the words. */
function BellIcon() {
  return (
    <svg width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round"
      strokeLinejoin="round" aria-hidden="true" focusable="false">
      <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
      <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
    </svg>
  );
}
