import { Navigate } from 'react-router';
import { Text, Title } from '@mantine/core';
import { can } from '../session/session';

/** Where a signed-in person lands: the users list for those who may see it. */
export function Home() {
  if (can('USERS_VIEW')) {
    return <Navigate to="/users" replace />;
  }
  return (
    <>
      <Title order={1}>Welcome to Roster</Title>
      <Text mt="sm">Your trainings and notifications will appear here.</Text>
    </>
  );
}
