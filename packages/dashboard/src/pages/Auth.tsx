import { useState } from 'preact/hooks';
import { type Account, ApiError, get, type LoginResult, post, type SignupResult } from '../api';
import { navigate } from '../router';
import { setAccount } from '../session';
import { A, Button, CopyButton, Field, FormError, Icon } from '../ui';

export function AuthPage({ mode }: { mode: 'login' | 'signup' }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [handle, setHandle] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [welcome, setWelcome] = useState<SignupResult | null>(null);
  const fe = error instanceof ApiError ? error.fieldErrors() : {};
  const signup = mode === 'signup';

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      if (signup) {
        const res = await post<SignupResult>('/api/v1/signup', { email, password, handle });
        setWelcome(res);
      } else {
        const res = await post<LoginResult>('/api/v1/login', { email, password });
        await finish(res.account);
      }
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  async function finish(fallback: Account) {
    // The account route carries the plan limits; fall back to what login returned.
    try {
      setAccount(await get<Account>('/api/v1/account'));
    } catch {
      setAccount(fallback);
    }
    navigate('/links', { replace: true });
  }

  if (welcome) {
    return (
      <div class="auth-wrap">
        <div class="auth-card">
          <div class="auth-brand">
            <span class="brand-mark" aria-hidden="true">
              <Icon name="check" size={18} />
            </span>
            <h1>Welcome, {welcome.account.handle}!</h1>
          </div>
          <p>
            Your account is ready on the <strong>{welcome.account.plan}</strong> plan. Here is your first API key, for scripts and integrations (
            <code>Authorization: Bearer …</code>).
          </p>
          <div class="secret-box">
            <code class="secret" data-testid="signup-api-key">
              {welcome.apiKey}
            </code>
            <CopyButton text={welcome.apiKey} what="API key" />
          </div>
          <p class="hint">
            <Icon name="alert" size={14} /> It is shown only once. Store it in your password manager; you can create more keys in Settings.
          </p>
          <Button variant="primary" class="btn-block" onClick={() => finish(welcome.account)}>
            Continue to the dashboard
          </Button>
        </div>
      </div>
    );
  }

  return (
    <div class="auth-wrap">
      <form class="auth-card" onSubmit={submit} noValidate aria-labelledby="auth-title">
        <div class="auth-brand">
          <span class="brand-mark" aria-hidden="true">
            <Icon name="link" size={18} />
          </span>
          <span class="brand-name">Linkwire</span>
        </div>
        <h1 id="auth-title">{signup ? 'Create your account' : 'Log in to Linkwire'}</h1>
        <p class="muted">
          {signup ? 'One page for all your links, and a signed webhook for every click.' : 'Welcome back. Your links and webhooks are waiting.'}
        </p>
        <FormError error={error} />
        <Field label="Email" error={fe.email}>
          {(p) => <input {...p} type="email" autoComplete="email" required value={email} onInput={(e) => setEmail(e.currentTarget.value)} />}
        </Field>
        {signup && (
          <Field label="Handle" hint={`Your public page: ${location.origin}/${handle || 'your-handle'}`} error={fe.handle}>
            {(p) => (
              <input
                {...p}
                type="text"
                autoComplete="username"
                required
                pattern="[a-zA-Z0-9_\-]+"
                spellcheck={false}
                value={handle}
                onInput={(e) => setHandle(e.currentTarget.value.trim())}
              />
            )}
          </Field>
        )}
        <Field label="Password" hint={signup ? 'At least 8 characters.' : undefined} error={fe.password}>
          {(p) => (
            <input
              {...p}
              type="password"
              autoComplete={signup ? 'new-password' : 'current-password'}
              required
              minLength={signup ? 8 : undefined}
              value={password}
              onInput={(e) => setPassword(e.currentTarget.value)}
            />
          )}
        </Field>
        <Button type="submit" variant="primary" class="btn-block" busy={busy}>
          {signup ? 'Create account' : 'Log in'}
        </Button>
        <p class="auth-switch">
          {signup ? (
            <>
              Already have an account? <A href="/login">Log in</A>
            </>
          ) : (
            <>
              New to Linkwire? <A href="/signup">Create an account</A>
            </>
          )}
        </p>
      </form>
    </div>
  );
}
