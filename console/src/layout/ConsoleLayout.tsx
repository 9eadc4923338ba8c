import { NavLink as RouterLink, Outlet, useNavigate } from 'react-router';
import { AppShell, Burger, Button, Group, NavLink, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, answer } from '../api/client';
import { importSections } from '../imports/routes';
import { learningSections } from '../learning/routes';
import { NotificationBell } from '../notifications/NotificationBell';
import { notificationSections } from '../notifications/routes';
import { organizationSections } from '../organization/routes';
import { can, signOut } from '../session/session';
import { trainingSections } from '../trainings/routes';
import type { Section } from './sections';

/** The navigation, in order: an administrator's sections first, then a learner's own. */
const sections: Section[] = [
  { to: '/users', label: 'Users', visible: () => can('USERS_VIEW') },
  ...importSections,
  ...organizationSections,
  ...trainingSections,
  ...learningSections,
  ...notificationSections,
];

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
            <NotificationBell />
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
        {sections.filter((section) => section.visible()).map((section) => (
          <NavLink key={section.to} component={RouterLink} to={section.to} label={section.label} onClick={close} />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
