import './styles.css';
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { type Account, ApiError, get, onUnauthorized, post } from './api';
import { AnalyticsPage } from './pages/Analytics';
import { AppsPage } from './pages/Apps';
import { AuthPage } from './pages/Auth';
import { LinksPage } from './pages/Links';
import { ProfilePage } from './pages/Profile';
import { SettingsPage } from './pages/Settings';
import { WebhookDetailPage } from './pages/WebhookDetail';
import { WebhookFormPage } from './pages/WebhookForm';
import { WebhooksPage } from './pages/Webhooks';
import { IntegrationsPage } from './pages/Integrations';
import { AcceptInvitePage } from './pages/AcceptInvite';
import { TeamPage } from './pages/Team';
import { WorkspaceSwitcher } from './pages/WorkspaceSwitcher';
import { usePermissions } from './permissions';
import { BASE, match, navigate, usePath } from './router';
import { setAccount, useAccount } from './session';
import { applyScheme, nextScheme, type Scheme, savedScheme } from './theme';
import { A, Button, ErrorBox, Icon, Spinner, Toaster, toast } from './ui';
import { DomainsPage } from './pages/Domains';

applyScheme(savedScheme());

const NAV = [
  { path: '/links', label: 'Links', icon: 'link' },
  { path: '/profile', label: 'Profile', icon: 'user' },
  { path: '/analytics', label: 'Analytics', icon: 'chart' },
  { path: '/webhooks', label: 'Webhooks', icon: 'webhook' },
  { path: '/integrations', label: 'Integrations', icon: 'link' },
  { path: '/apps', label: 'Apps', icon: 'external' },
  { path: '/domains', label: 'Domains', icon: 'globe' },
  { path: '/team', label: 'Team', icon: 'user' },
  { path: '/settings', label: 'Settings', icon: 'settings' },
];

// The permission a nav entry needs (accounts/permissions.ts); entries without one are for every role.
const NAV_PERMISSION: Record<string, string> = { '/webhooks': 'webhooks:read' };

const TITLES: Record<string, string> = {
  '/login': 'Log in',
  '/signup': 'Sign up',
  '/links': 'Links',
  '/profile': 'Profile',
  '/analytics': 'Analytics',
  '/webhooks': 'Webhooks',
  '/integrations': 'Integrations',
  '/sinks': 'Integrations',
  '/apps': 'Apps',
  '/domains': 'Domains',
  '/settings': 'Settings',
  '/team': 'Team',
  '/accept-invite': 'Accept invite',
};

function SchemeToggle() {
  const [scheme, setScheme] = useState<Scheme>(savedScheme());
  const label = scheme === 'system' ? 'Theme: system' : scheme === 'light' ? 'Theme: light' : 'Theme: dark';
  return (
    <button
      type="button"
      class="icon-btn"
      title={`${label} (click to change)`}
      aria-label={`${label}. Change colour theme`}
      onClick={() => {
        const n = nextScheme(scheme);
        setScheme(n);
        applyScheme(n);
      }}
    >
      <Icon name={scheme === 'system' ? 'monitor' : scheme === 'light' ? 'sun' : 'moon'} />
    </button>
  );
}

function Shell({ path, children }: { path: string; children: preact.ComponentChildren }) {
  const account = useAccount();
  const can = usePermissions();
  const [busy, setBusy] = useState(false);
  return (
    <div class="shell">
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <header class="topbar">
        <A href="/links" class="brand" aria-label="Linkwire home">
          <span class="brand-mark" aria-hidden="true">
            <Icon name="link" size={18} />
          </span>
          <span>Linkwire</span>
        </A>
        <div class="topbar-right">
          {account && (
            <a class="handle-chip" href={`/${account.handle}`} target="_blank" rel="noreferrer" title="Open your public page">
              <span class="muted">/</span>
              {account.handle}
              <span class={`plan plan-${account.plan}`}>{account.plan}</span>
            </a>
          )}
          <WorkspaceSwitcher />
          <SchemeToggle />
          <Button
            size="sm"
            variant="ghost"
            icon="logout"
            busy={busy}
            onClick={async () => {
              setBusy(true);
              try {
                await post('/api/v1/logout');
              } catch {
                /* already logged out: fine */
              }
              setBusy(false);
              setAccount(null);
              navigate('/login');
              toast('You are logged out');
            }}
          >
            Log out
          </Button>
        </div>
      </header>
      <nav class="sidenav" aria-label="Main">
        <ul>
          {NAV.filter((n) => !NAV_PERMISSION[n.path] || can(NAV_PERMISSION[n.path] as string)).map((n) => {
            const active = path === n.path || path.startsWith(`${n.path}/`);
            return (
              <li key={n.path}>
                <A href={n.path} class={active ? 'active' : ''} aria-current={active ? 'page' : undefined}>
                  <Icon name={n.icon} />
                  <span>{n.label}</span>
                </A>
              </li>
            );
          })}
        </ul>
      </nav>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}

function Routes({ path }: { path: string }) {
  if (path === '/links') return <LinksPage />;
  if (path === '/profile') return <ProfilePage />;
  if (path === '/analytics') return <AnalyticsPage />;
  if (path === '/webhooks') return <WebhooksPage />;
  if (path === '/webhooks/new') return <WebhookFormPage />;
  const edit = match('/webhooks/:id/edit', path);
  if (edit) return <WebhookFormPage id={edit.id} />;
  const detail = match('/webhooks/:id', path);
  if (detail) return <WebhookDetailPage id={detail.id as string} />;
  if (path === '/integrations') return <IntegrationsPage />;
  // The sinks had a page of their own: old links land on the Integrations page (redirected above).
  if (path === '/sinks') return <IntegrationsPage />;
  if (path === '/apps') return <AppsPage />;
  if (path === '/domains') return <DomainsPage />;
  if (path === '/settings') return <SettingsPage />;
  if (path === '/team') return <TeamPage />;
  return (
    <div class="page">
      <h1>Page not found</h1>
      <p class="muted">
        There is nothing at <code>{BASE + path}</code>. <A href="/links">Go to your links</A>.
      </p>
    </div>
  );
}

function App() {
  const path = usePath();
  const account = useAccount();
  const [boot, setBoot] = useState<'loading' | 'ready' | { error: unknown }>('loading');

  useEffect(() => {
    const off = onUnauthorized(() => {
      setAccount(null);
      const p = location.pathname.slice(BASE.length);
      if (p !== '/login' && p !== '/signup' && p !== '/accept-invite') navigate('/login');
    });
    get<Account>('/api/v1/account')
      .then((a) => {
        setAccount(a);
        setBoot('ready');
      })
      .catch((error) => {
        if (error instanceof ApiError && error.status === 401) setBoot('ready');
        else setBoot({ error });
      });
    return off;
  }, []);

  const isAuthRoute = path === '/login' || path === '/signup';
  const isAcceptInvite = path === '/accept-invite';
  useEffect(() => {
    if (boot !== 'ready') return;
    if (isAcceptInvite) return;
    if (!account && !isAuthRoute) navigate('/login', { replace: true });
    else if (account && (isAuthRoute || path === '/')) navigate('/links', { replace: true });
    else if (account && path === '/sinks') navigate('/integrations', { replace: true });
  }, [boot, account, isAuthRoute, isAcceptInvite, path]);

  useEffect(() => {
    const key = Object.keys(TITLES).find((k) => path === k || path.startsWith(`${k}/`));
    document.title = `${key ? TITLES[key] : 'Dashboard'} · Linkwire`;
  }, [path]);

  if (boot === 'loading') return <Spinner label="Loading Linkwire…" />;
  if (typeof boot === 'object')
    return (
      <div class="auth-wrap">
        <ErrorBox error={boot.error} retry={() => location.reload()} />
      </div>
    );
  if (isAcceptInvite)
    return (
      <>
        <AcceptInvitePage />
        <Toaster />
      </>
    );
  if (!account || isAuthRoute)
    return (
      <>
        {isAuthRoute ? <AuthPage mode={path === '/signup' ? 'signup' : 'login'} /> : <Spinner />}
        <Toaster />
      </>
    );
  return (
    <>
      <Shell path={path}>
        <Routes path={path} />
      </Shell>
      <Toaster />
    </>
  );
}

const root = document.getElementById('app');
if (root) {
  root.textContent = '';
  render(<App />, root);
}
