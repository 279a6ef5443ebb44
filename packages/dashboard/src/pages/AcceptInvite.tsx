import { useState } from 'preact/hooks';
import { type AcceptedInvite, type Account, ApiError, get, post } from '../api';
import { navigate } from '../router';
import { setAccount, useAccount } from '../session';
import { Button, Field, FormError } from '../ui';

/** The invite link's page: the token is in the fragment (#token=…), so it never reaches a server log. */
export function AcceptInvitePage() {
  const account = useAccount();
  const token = new URLSearchParams(location.hash.slice(1)).get('token') ?? '';
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const fields = error instanceof ApiError ? error.fieldErrors() : {};
  const needsLogin = error instanceof ApiError && error.status === 401;
  return (
    <div class="auth-wrap">
      <main class="auth-card" id="main">
        <h1>Join a workspace</h1>
        {!token ? (
          <p>
            This page needs the link from your invite (it ends in <code>#token=…</code>). Open the link from the invite again.
          </p>
        ) : (
          <form
            class="stack"
            onSubmit={async (e) => {
              e.preventDefault();
              setBusy(true);
              setError(null);
              try {
                await post<AcceptedInvite>('/api/v1/invites/accept', password ? { token, password } : { token });
                setAccount(await get<Account>('/api/v1/account'));
                navigate('/team', { replace: true });
              } catch (err) {
                setError(err);
              } finally {
                setBusy(false);
              }
            }}
          >
            <p class="muted">
              {account
                ? `You are signed in as ${account.email}. Accept to add this workspace to your account.`
                : 'Choose a password for your new login. If you already have a Linkwire login for the invited email, log in first and open the link again.'}
            </p>
            <FormError error={error} />
            {needsLogin && (
              <p>
                <a href="/dashboard/login">Log in</a>, then open the invite link again.
              </p>
            )}
            {!account && (
              <Field label="Password" error={fields.password} hint="At least 10 characters.">
                {(p) => <input {...p} type="password" autocomplete="new-password" value={password} onInput={(e) => setPassword(e.currentTarget.value)} />}
              </Field>
            )}
            <Button type="submit" variant="primary" busy={busy}>
              Accept invite
            </Button>
          </form>
        )}
      </main>
    </div>
  );
}
