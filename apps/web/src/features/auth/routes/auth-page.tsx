import { Alert, Anchor, Button, Container, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { Link, Navigate, useSearchParams } from 'react-router';
import { useSession } from '../../../app/use-session';
import { useSignIn } from '../api/use-sign-in';

export interface AuthPageProps {
  mode: 'sign-in' | 'sign-up';
}

/** Sign in or sign up; afterwards back to ?next= (the page that asked for it) or the workflows. */
export function AuthPage({ mode }: AuthPageProps) {
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const session = useSession();
  const signIn = useSignIn(mode);
  const [form, setForm] = useState({ email: '', password: '', name: '' });
  if (session) return <Navigate to={next} replace />;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate(form);
  };
  const title = mode === 'sign-in' ? 'Sign in' : 'Create an account';
  const other = mode === 'sign-in' ? 'sign-up' : 'sign-in';
  return (
    <Container size={420} py={64} component="main">
      <Title order={1} ta="center">
        {title}
      </Title>
      <Paper withBorder shadow="sm" p="lg" mt="lg" radius="md">
        <form onSubmit={submit} noValidate={false}>
          <Stack>
            {mode === 'sign-up' && (
              <TextInput label="Name" required value={form.name} onChange={(e) => setForm({ ...form, name: e.currentTarget.value })} />
            )}
            <TextInput
              label="Email"
              type="email"
              autoComplete="email"
              required
              value={form.email}
              onChange={(e) => setForm({ ...form, email: e.currentTarget.value })}
            />
            <PasswordInput
              label="Password"
              autoComplete={mode === 'sign-in' ? 'current-password' : 'new-password'}
              required
              value={form.password}
              onChange={(e) => setForm({ ...form, password: e.currentTarget.value })}
            />
            {signIn.error && (
              <Alert variant="default" color="red" role="alert">
                {signIn.error.message}
              </Alert>
            )}
            <Button type="submit" loading={signIn.isPending}>
              {title}
            </Button>
          </Stack>
        </form>
      </Paper>
      <Text ta="center" mt="md" size="sm">
        {mode === 'sign-in' ? 'No account yet? ' : 'Already have an account? '}
        <Anchor component={Link} to={`/${other}${next === '/' ? '' : `?next=${encodeURIComponent(next)}`}`}>
          {other === 'sign-up' ? 'Sign up' : 'Sign in'}
        </Anchor>
      </Text>
    </Container>
  );
}

/** Only paths inside the console: ?next= must not send the user to another site. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}
