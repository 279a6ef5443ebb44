import { useState } from 'preact/hooks';
import {
  type Account,
  type AuditEntry,
  type AuditLogPage,
  del,
  get,
  type Invite,
  type LeftWorkspace,
  type Member,
  type MemberList,
  patch,
  post,
  qs,
  type Role,
} from '../api';
import { relative } from '../format';
import { usePermissions } from '../permissions';
import { navigate } from '../router';
import { setAccount, useAccount } from '../session';
import {
  Badge,
  Button,
  Card,
  ConfirmDialog,
  CopyButton,
  EmptyState,
  ErrorBox,
  Field,
  FormError,
  LoadMore,
  PageHeader,
  Skeleton,
  toast,
  toastError,
  useResource,
  useSubmit,
} from '../ui';

const ROLES: Role[] = ['owner', 'admin', 'editor', 'viewer'];

/** The roles the caller may hand out: owners only by someone with owners:manage. */
function RoleOptions({ can }: { can: (permission: string) => boolean }) {
  return (
    <>
      {ROLES.filter((r) => r !== 'owner' || can('owners:manage')).map((r) => (
        <option key={r} value={r}>
          {r}
        </option>
      ))}
    </>
  );
}

/** An invite's one-time link, to copy and hand over (also mailed when the server has SMTP). */
function InviteLink({ invite }: { invite: Invite }) {
  return (
    <div class="alert alert-info" role="status">
      <div class="stack">
        <p>
          Share this link with <strong>{invite.email}</strong>. It works once and expires {relative(invite.expiresAt)}.
        </p>
        <p class="row">
          <code class="break" data-testid="accept-url">
            {invite.acceptUrl}
          </code>
          <CopyButton text={invite.acceptUrl} label="Copy link" what="invite link" />
        </p>
      </div>
    </div>
  );
}

function InviteCard({ onInvited }: { onInvited: () => Promise<void> }) {
  const can = usePermissions();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('editor');
  const [invite, setInvite] = useState<Invite | null>(null);
  const submit = useSubmit(async () => {
    const created = await post<Invite>('/api/v1/invites', { email, role });
    setInvite(created);
    setEmail('');
    toast(`Invite created for ${created.email}`);
    await onInvited();
  });
  return (
    <Card title="Invite a member">
      <form class="stack" onSubmit={submit.onSubmit}>
        <FormError error={submit.error} />
        <div class="row">
          <Field label="Email" error={submit.fields.email}>
            {(p) => <input {...p} type="email" required value={email} onInput={(e) => setEmail(e.currentTarget.value)} autocomplete="off" />}
          </Field>
          <Field label="Role" error={submit.fields.role}>
            {(p) => (
              <select {...p} value={role} onChange={(e) => setRole(e.currentTarget.value as Role)}>
                <RoleOptions can={can} />
              </select>
            )}
          </Field>
        </div>
        <div>
          <Button type="submit" variant="primary" icon="plus" busy={submit.busy}>
            Send invite
          </Button>
        </div>
      </form>
      {invite && <InviteLink invite={invite} />}
    </Card>
  );
}

/** After leaving: the session acts in the user's next workspace, or has ended. */
async function afterLeaving(left: LeftWorkspace): Promise<void> {
  if (left.accountId) {
    setAccount(await get<Account>('/api/v1/account'));
    navigate('/links');
  } else {
    setAccount(null);
    navigate('/login');
  }
}

function MembersCard({ members, reload }: { members: Member[]; reload: () => Promise<void> }) {
  const can = usePermissions();
  const account = useAccount();
  const [removing, setRemoving] = useState<Member | null>(null);
  const [keys, setKeys] = useState<'revoke' | 'keep'>('revoke');
  const [leaving, setLeaving] = useState(false);
  const [invite, setInvite] = useState<Invite | null>(null);
  const manages = (m: Member) => can('members:manage') && (m.role !== 'owner' || can('owners:manage'));
  const act = async (fn: () => Promise<unknown>, done: string) => {
    try {
      await fn();
      toast(done);
      await reload();
    } catch (err) {
      toastError(err);
    }
  };
  return (
    <Card title="Members">
      <div class="table-wrap">
        <table>
          <caption class="sr-only">Members and pending invites</caption>
          <thead>
            <tr>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span class="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr key={m.id}>
                <td>
                  {m.email}
                  {m.id === account?.memberId && <span class="muted"> (you)</span>}
                </td>
                <td>
                  {manages(m) && m.status === 'active' ? (
                    <select
                      aria-label={`Role of ${m.email}`}
                      value={m.role}
                      onChange={(e) =>
                        act(() => patch(`/api/v1/members/${m.id}`, { role: e.currentTarget.value }), `${m.email} is now ${e.currentTarget.value}`)
                      }
                    >
                      <RoleOptions can={can} />
                    </select>
                  ) : (
                    m.role
                  )}
                </td>
                <td>
                  {m.status === 'invited' ? (
                    <Badge tone="warning">invited · expires {relative(m.expiresAt ?? '')}</Badge>
                  ) : (
                    <Badge tone="success">active</Badge>
                  )}
                </td>
                <td class="actions">
                  {manages(m) && m.status === 'invited' && (
                    <>
                      <Button
                        size="sm"
                        onClick={async () => {
                          try {
                            setInvite(await post<Invite>(`/api/v1/invites/${m.id}/resend`));
                            toast(`New link for ${m.email}`);
                            await reload();
                          } catch (err) {
                            toastError(err);
                          }
                        }}
                      >
                        Resend
                      </Button>
                      <Button size="sm" variant="danger" onClick={() => act(() => del(`/api/v1/invites/${m.id}`), `Invite for ${m.email} revoked`)}>
                        Revoke
                      </Button>
                    </>
                  )}
                  {manages(m) && m.status === 'active' && m.id !== account?.memberId && (
                    <Button
                      size="sm"
                      variant="danger"
                      onClick={() => {
                        setKeys('revoke');
                        setRemoving(m);
                      }}
                    >
                      Remove
                    </Button>
                  )}
                  {m.id === account?.memberId && (
                    <Button size="sm" onClick={() => setLeaving(true)}>
                      Leave workspace
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {invite && <InviteLink invite={invite} />}
      <ConfirmDialog
        open={removing !== null}
        title={`Remove ${removing?.email ?? ''}?`}
        message="They lose access to this workspace at once."
        confirmLabel={keys === 'revoke' ? 'Remove and revoke their keys' : 'Remove and keep their keys'}
        onClose={() => setRemoving(null)}
        onConfirm={async () => {
          const m = removing;
          setRemoving(null);
          if (m) await act(() => del(`/api/v1/members/${m.id}${qs({ apiKeys: keys })}`), `${m.email} removed`);
        }}
      >
        <fieldset class="stack">
          <legend>Their API keys</legend>
          <label>
            <input type="radio" name="apiKeys" value="revoke" checked={keys === 'revoke'} onChange={() => setKeys('revoke')} /> Revoke them (recommended)
          </label>
          <label>
            <input type="radio" name="apiKeys" value="keep" checked={keys === 'keep'} onChange={() => setKeys('keep')} /> Keep them working, with the role they
            have now (for integrations that must not stop)
          </label>
        </fieldset>
      </ConfirmDialog>
      <ConfirmDialog
        open={leaving}
        title="Leave this workspace?"
        message="You lose access at once and your API keys in this workspace are revoked. Someone who manages members can invite you again."
        confirmLabel="Leave workspace"
        onClose={() => setLeaving(false)}
        onConfirm={async () => {
          const left = await del<LeftWorkspace>(`/api/v1/members/me${qs({ apiKeys: 'revoke' })}`);
          toast('You left the workspace');
          await afterLeaving(left);
        }}
      />
    </Card>
  );
}

function AuditCard() {
  const first = useResource(() => get<AuditLogPage>('/api/v1/audit-log?limit=20'));
  // Older pages, fetched with the cursor of the last page shown; cleared when the first page reloads.
  const [more, setMore] = useState<{ data: AuditEntry[]; nextCursor: string | null } | null>(null);
  const rows = [...(first.data?.data ?? []), ...(more?.data ?? [])];
  const cursor = more ? more.nextCursor : (first.data?.nextCursor ?? null);
  return (
    <Card
      title="Audit log"
      actions={
        <a href="/api/v1/audit-log/export" download="audit-log.ndjson" class="btn btn-secondary btn-sm">
          Export NDJSON
        </a>
      }
    >
      {first.error ? (
        <ErrorBox error={first.error} retry={first.reload} />
      ) : !first.data ? (
        <Skeleton rows={3} />
      ) : rows.length === 0 ? (
        <EmptyState icon="list" title="No changes yet" />
      ) : (
        <div class="stack">
          <div class="table-wrap">
            <table>
              <caption class="sr-only">Recent changes</caption>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Who</th>
                  <th scope="col">Action</th>
                  <th scope="col">Target</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((e) => (
                  <tr key={e.id}>
                    <td>{relative(e.at)}</td>
                    <td>{e.actor.email ?? `${e.actor.type} ${e.actor.id}`}</td>
                    <td>
                      <code>{e.action}</code>
                    </td>
                    <td>
                      <code>{e.target.id}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {cursor && (
            <LoadMore
              label="Load older changes"
              onLoad={async () => {
                const page = await get<AuditLogPage>(`/api/v1/audit-log${qs({ limit: 20, cursor })}`);
                setMore({ data: [...(more?.data ?? []), ...page.data], nextCursor: page.nextCursor });
              }}
            />
          )}
        </div>
      )}
    </Card>
  );
}

export function TeamPage() {
  const can = usePermissions();
  const members = useResource(() => get<MemberList>('/api/v1/members'));
  const role = useAccount()?.role;
  // Every change on this page writes an audit row: the audit card starts again from its newest page.
  const [changes, setChanges] = useState(0);
  const changed = async () => {
    await members.reload();
    setChanges((n) => n + 1);
  };
  return (
    <div class="page">
      <PageHeader
        title="Team"
        description={
          <>
            People in this workspace and what they may do. Your role: <strong>{role}</strong>.
          </>
        }
      />
      {can('members:manage') && <InviteCard onInvited={changed} />}
      {members.error ? (
        <ErrorBox error={members.error} retry={members.reload} />
      ) : !members.data ? (
        <Skeleton rows={3} />
      ) : (
        <MembersCard members={members.data.data} reload={changed} />
      )}
      {can('audit:read') && <AuditCard key={changes} />}
    </div>
  );
}
