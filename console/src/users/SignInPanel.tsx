import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Group, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { api, answer, errorWords } from '../api/client';
import type { components } from '../api/user-service';

type ApiUser = components['schemas']['UserResponse'];

/**
 * Sign-in: when the user last signed in; an invitation (or, for someone who has signed in before, a password reset
 * link: the same one-time link by email); or a new password set here and told to the person.
 */
export function SignInPanel({ user, manage }: { user: ApiUser; manage: boolean }) {
  const [password, setPassword] = useState('');
  const [repeated, setRepeated] = useState('');
  const active = user.status === 'ACTIVE';
  const invite = useMutation({
    mutationFn: () => answer(api.POST('/users/{id}/invitation', { params: { path: { id: user.id as string } } })),
  });
  const setNew = useMutation({
    mutationFn: (newPassword: string) => answer(api.POST('/users/{id}/password', {
      params: { path: { id: user.id as string } }, body: { newPassword },
    })),
    onSuccess: () => { setPassword(''); setRepeated(''); },
  });
  const mismatch = repeated.length > 0 && repeated !== password;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!mismatch) setNew.mutate(password);
  }

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="sign-in-heading">
      <Title order={2} size="h3" id="sign-in-heading" mb="sm">Sign-in</Title>
      <Text size="sm" mb="sm">
        {user.lastSignInAt ? `Last signed in ${new Date(user.lastSignInAt).toLocaleString()}.` : 'Has never signed in.'}
        {!active && ' Only an active user can sign in.'}
      </Text>
      {manage && (
        <Stack>
          <div>
            {invite.isSuccess && <Alert color="green" mb="sm">Sent: the email's link sets a password once.</Alert>}
            {invite.error && <Alert color="red" role="alert" mb="sm">{errorWords(invite.error)}</Alert>}
            <Button variant="default" loading={invite.isPending} disabled={!active} onClick={() => invite.mutate()}>
              {user.lastSignInAt ? 'Send password reset link' : 'Send invitation'}
            </Button>
          </div>
          <form onSubmit={submit} aria-labelledby="new-password-heading">
            <Title order={3} size="h4" id="new-password-heading" mb="xs">Set a new password</Title>
            {setNew.isSuccess && <Alert color="green" mb="sm">The new password is set. Tell it to the person.</Alert>}
            {setNew.error && <Alert color="red" role="alert" mb="sm">{errorWords(setNew.error)}</Alert>}
            <Group align="flex-start">
              <PasswordInput label="New password" description="8 to 128 characters" required minLength={8} maxLength={128}
                autoComplete="new-password" value={password} onChange={(event) => setPassword(event.currentTarget.value)} w={240} />
              <PasswordInput label="Repeat the password" required autoComplete="new-password" value={repeated} w={240}
                error={mismatch ? 'The two passwords differ' : undefined}
                onChange={(event) => setRepeated(event.currentTarget.value)} />
            </Group>
            <Button type="submit" mt="sm" variant="default" loading={setNew.isPending} disabled={!password || mismatch}>
              Set password
            </Button>
          </form>
        </Stack>
      )}
    </Paper>
  );
}
