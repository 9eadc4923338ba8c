import { useState, type FormEvent } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Container, Paper, PasswordInput, Stack, TextInput, Title } from '@mantine/core';
import { signIn, SignInRefused } from '../session/session';
import { problemWords } from '../api/problem';

/** Account, login or email, password; the refusal in the words the service gives (wrong password, locked, deactivated…). */
export function SignInPage() {
  const navigate = useNavigate();
  const location = useLocation();
  const queries = useQueryClient();
  const [account, setAccount] = useState(() => localStorage.getItem('roster.account') ?? '');
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const passwordSet = new URLSearchParams(location.search).has('password-set');

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(account.trim(), login.trim(), password);
      // whoever was signed in before in this tab, nothing of theirs is shown now
      queries.clear();
      localStorage.setItem('roster.account', account.trim());
      const from = (location.state as { from?: string } | null)?.from;
      navigate(from && from !== '/sign-in' ? from : '/', { replace: true });
    } catch (ex) {
      setError(ex instanceof SignInRefused ? problemWords(ex.problem) : 'Roster could not be reached. Try again in a moment.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <Container component="main" size={420} py={64}>
      <Title order={1} ta="center" mb="lg">
        Sign in to Roster
      </Title>
      <Paper withBorder shadow="sm" p="lg" radius="md" component="form" onSubmit={submit} aria-label="Sign in">
        <Stack>
          {passwordSet && <Alert color="green">Your password is set. Sign in with it.</Alert>}
          {error && (
            <Alert color="red" title="Not signed in" role="alert">
              {error}
            </Alert>
          )}
          <TextInput label="Account" required autoComplete="organization" value={account}
            onChange={(event) => setAccount(event.currentTarget.value)} />
          <TextInput label="Login or email" required autoComplete="username" value={login}
            onChange={(event) => setLogin(event.currentTarget.value)} />
          <PasswordInput label="Password" required autoComplete="current-password" value={password}
            onChange={(event) => setPassword(event.currentTarget.value)} />
          <Button type="submit" loading={busy} fullWidth>
            Sign in
          </Button>
        </Stack>
      </Paper>
    </Container>
  );
}
