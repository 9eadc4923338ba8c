import { createBrowserRouter, RouterProvider } from 'react-router';
import { importRoutes } from './imports/routes';
import { learningRoutes } from './learning/routes';
import { notificationRoutes } from './notifications/routes';
import { organizationRoutes } from './organization/routes';
import { trainingRoutes } from './trainings/routes';
import { ConsoleLayout } from './layout/ConsoleLayout';
import { Home } from './layout/Home';
import { NotFound } from './layout/NotFound';
import { RequireSession } from './session/RequireSession';
import { SetPasswordPage } from './signin/SetPasswordPage';
import { SignInPage } from './signin/SignInPage';
import { UserCardPage } from './users/UserCardPage';
import { UsersPage } from './users/UsersPage';

const router = createBrowserRouter([
  { path: '/sign-in', element: <SignInPage /> },
  { path: '/set-password', element: <SetPasswordPage /> },
  {
    path: '/',
    element: (
      <RequireSession>
        <ConsoleLayout />
      </RequireSession>
    ),
    children: [
      { index: true, element: <Home /> },
      { path: 'users', element: <UsersPage /> },
      { path: 'users/:id', element: <UserCardPage /> },
      ...importRoutes,
      ...organizationRoutes,
      ...trainingRoutes,
      ...learningRoutes,
      ...notificationRoutes,
    ],
  },
  { path: '*', element: <NotFound /> },
]);

export function App() {
  return <RouterProvider router={router} />;
}
