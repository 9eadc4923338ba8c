import { NavLink as RouterLink, Outlet, useNavigate } from 'react-router';
import { AppShell, Burger, Button, Group, NavLink, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, answer } from '../api/client';
import { can, signOut } from '../session/session';

/** The frame of every signed-in screen: who is signed in, the sections they may open, sign out. */
export function ConsoleLayout() {
  const [opened, { toggle, close }] = useDisclosure();
  const navigate = useNavigate();
  const queries = useQueryClient();
  const me = useQuery({ queryKey: ['me'], queryFn: () => answer(api.GET('/me')) });

  async function leave() {
    await signOut();
    // nothing the last person read stays for the next one to see
    queries.clear();
    navigate('/sign-in', { replace: true });
  }

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Show the menu" />
            <Title order={2} size="h4">
              Roster
            </Title>
          </Group>
          <Group wrap="nowrap" gap="sm">
            {me.data && (
              <Text size="sm" visibleFrom="xs">
                {me.data.firstName} {me.data.lastName}
              </Text>
            )}
            <Button variant="default" size="xs" onClick={leave}>
              Sign out
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Sections">
        {can('USERS_VIEW') && <NavLink component={RouterLink} to="/users" label="Users" onClick={close} />}
      </AppShell.Navbar>
      <AppShell.Main>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
