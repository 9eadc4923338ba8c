import { useSyncExternalStore } from 'react';
import { currentClaims, onSessionChange, type Claims } from './session';

/** The signed-in person's claims, re-rendering when they sign in, refresh or sign out. */
export function useSession(): Claims | null {
  return useSyncExternalStore(onSessionChange, currentClaims);
}
