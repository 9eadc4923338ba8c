import { useState, type FormEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { Alert, Button, Container, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { api, answer, ApiError } from '../api/client';
import { problemWords } from '../api/problem';

/** The invitation email's link: /set-password?token=…; the token is used once, then the person signs in. */
export function SetPasswordPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const token = params.get('token') ?? '';
  const [password, setPassword] = useState('');
  const [repeated, setRepeated] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const mismatch = repeated.length > 0 && repeated !== password;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (password !== repeated) {
      setError('The two passwords are not the same.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await answer(api.POST('/auth/set-password', { body: { token, newPassword: password } }));
      navigate('/sign-in?password-set', { replace: true });
    } catch (ex) {
      setError(ex instanceof ApiError ? problemWords(ex.problem) : String(ex));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Container component="main" size={420} py={64}>
      <Title order={1} ta="center" mb="lg">
        Set your password
      </Title>
      <Paper withBorder shadow="sm" p="lg" radius="md" component="form" onSubmit={submit} aria-label="Set your password">
        <Stack>
          {!token && (
            <Alert color="red" role="alert">
              This link has no invitation token. Open the link from your invitation email again.
            </Alert>
          )}
          {error && (
            <Alert color="red" title="Password not set" role="alert">
              {error}
            </Alert>
          )}
          <Text size="sm">At least 8 characters. You sign in with it from now on.</Text>
          <PasswordInput label="New password" required minLength={8} maxLength={128} autoComplete="new-password"
            value={password} onChange={(event) => setPassword(event.currentTarget.value)} />
          <PasswordInput label="Repeat the password" required autoComplete="new-password" value={repeated}
            error={mismatch ? 'Not the same as above' : undefined}
            onChange={(event) => setRepeated(event.currentTarget.value)} />
          <Button type="submit" loading={busy} disabled={!token} fullWidth>
            Set password
          </Button>
        </Stack>
      </Paper>
    </Container>
  );
}
