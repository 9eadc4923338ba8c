import { Navigate } from 'react-router';
import { LearnerHome } from '../learning/LearnerHome';
import { can } from '../session/session';

/** Where a signed-in person lands: the users list for those who may see it, everyone else their own start page. */
export function Home() {
  if (can('USERS_VIEW')) {
    return <Navigate to="/users" replace />;
  }
  return <LearnerHome />;
}
