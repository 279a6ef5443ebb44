import { useState } from 'preact/hooks';
import { type AcceptedInvite, type Account, ApiError, get, post } from '../api';
import { navigate } from '../router';
import { setAccount, useAccount } from '../session';
import { Button, Field, FormError, useSubmit } from '../ui';

/** The invite link's page: the token is in the fragment (#token=…), so it never reaches a server log. */
export function AcceptInvitePage() {
  const account = useAccount();
  const token = new URLSearchParams(location.hash.slice(1)).get('token') ?? '';
  const [password, setPassword] = useState('');
  const submit = useSubmit(async () => {
    await post<AcceptedInvite>('/api/v1/invites/accept', password ? { token, password } : { token });
    setAccount(await get<Account>('/api/v1/account'));
    navigate('/team', { replace: true });
  });
  const { error, fields } = submit;
  // 401: the invited email has a login and this browser is not signed in as it; 409: it just got one.
  const needsLogin = error instanceof ApiError && (error.status === 401 || error.status === 409);
  // Signed in as someone else while the invited email has no login yet: the server asks for a password.
  const askPassword = !account || fields.password !== undefined;
  return (
    <div class="auth-wrap">
      <main class="auth-card" id="main">
        <h1>Join a workspace</h1>
        {!token ? (
          <p>
            This page needs the link from your invite (it ends in <code>#token=…</code>). Open the link from the invite again.
          </p>
        ) : (
          <form class="stack" onSubmit={submit.onSubmit}>
            <p class="muted">
              {account
                ? `You are signed in as ${account.userEmail ?? account.email}. Accept to add this workspace to your login.`
                : 'Choose a password for your new login. If you already have a Linkwire login for the invited email, log in first and open the link again.'}
            </p>
            <FormError error={error} />
            {needsLogin && (
              <p>
                <a href="/dashboard/login">Log in</a>, then open the invite link again.
              </p>
            )}
            {askPassword && (
              <Field label="Password" error={fields.password} hint="At least 10 characters.">
                {(p) => <input {...p} type="password" autocomplete="new-password" value={password} onInput={(e) => setPassword(e.currentTarget.value)} />}
              </Field>
            )}
            <Button type="submit" variant="primary" busy={submit.busy}>
              Accept invite
            </Button>
          </form>
        )}
      </main>
    </div>
  );
}
