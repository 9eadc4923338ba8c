import { useEffect, useState, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { Center, Loader } from '@mantine/core';
import { hasRefreshToken, refresh } from './session';
import { useSession } from './useSession';

/** Children when signed in; after a reload, the tab's refresh token signs in again; else the sign-in page. */
export function RequireSession({ children }: { children: ReactNode }) {
  const claims = useSession();
  const location = useLocation();
  const [restoring, setRestoring] = useState(() => claims === null && hasRefreshToken());

  useEffect(() => {
    if (restoring) {
      refresh().finally(() => setRestoring(false));
    }
  }, [restoring]);

  if (claims) {
    return children;
  }
  if (restoring) {
    return (
      <Center h="100vh">
        <Loader aria-label="Signing in again" />
      </Center>
    );
  }
  return <Navigate to="/sign-in" replace state={{ from: location.pathname + location.search }} />;
}
