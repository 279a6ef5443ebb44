import { useState } from 'preact/hooks';
import { type AuditLogPage, ApiError, del, get, type Invite, type Member, type MemberList, patch, post, qs, type Role } from '../api';
import { relative } from '../format';
import { usePermissions } from '../permissions';
import { useAccount } from '../session';
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
  PageHeader,
  Skeleton,
  toast,
  toastError,
  useResource,
} from '../ui';

const ROLES: Role[] = ['owner', 'admin', 'editor', 'viewer'];

function InviteCard({ onInvited }: { onInvited: () => void }) {
  const can = usePermissions();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('editor');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [invite, setInvite] = useState<Invite | null>(null);
  const fields = error instanceof ApiError ? error.fieldErrors() : {};
  return (
    <Card title="Invite a member">
      <form
        class="stack"
        onSubmit={async (e) => {
          e.preventDefault();
          setBusy(true);
          setError(null);
          try {
            const created = await post<Invite>('/api/v1/invites', { email, role });
            setInvite(created);
            setEmail('');
            toast(`Invite created for ${created.email}`);
            onInvited();
          } catch (err) {
            setError(err);
          } finally {
            setBusy(false);
          }
        }}
      >
        <FormError error={error} />
        <div class="row">
          <Field label="Email" error={fields.email}>
            {(p) => <input {...p} type="email" required value={email} onInput={(e) => setEmail(e.currentTarget.value)} autocomplete="off" />}
          </Field>
          <Field label="Role" error={fields.role}>
            {(p) => (
              <select {...p} value={role} onChange={(e) => setRole(e.currentTarget.value as Role)}>
                {ROLES.filter((r) => r !== 'owner' || can('owners:manage')).map((r) => (
                  <option key={r} value={r}>
                    {r}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <div>
          <Button type="submit" variant="primary" icon="plus" busy={busy}>
            Send invite
          </Button>
        </div>
      </form>
      {invite && (
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
      )}
    </Card>
  );
}

function MembersCard({ members, reload }: { members: Member[]; reload: () => Promise<void> }) {
  const can = usePermissions();
  const account = useAccount() as { memberId?: string } | null;
  const [removing, setRemoving] = useState<Member | null>(null);
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
                      {ROLES.filter((r) => r !== 'owner' || can('owners:manage')).map((r) => (
                        <option key={r} value={r}>
                          {r}
                        </option>
                      ))}
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
                    <Button size="sm" variant="danger" onClick={() => setRemoving(m)}>
                      Remove
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {invite && (
        <p class="row">
          <span>New link for {invite.email}:</span> <code class="break">{invite.acceptUrl}</code>
          <CopyButton text={invite.acceptUrl} label="Copy link" what="invite link" />
        </p>
      )}
      <ConfirmDialog
        open={removing !== null}
        title={`Remove ${removing?.email ?? ''}?`}
        message="They lose access to this workspace at once, and their API keys are revoked."
        confirmLabel="Remove and revoke their keys"
        onClose={() => setRemoving(null)}
        onConfirm={async () => {
          const m = removing;
          setRemoving(null);
          if (m) await act(() => del(`/api/v1/members/${m.id}${qs({ apiKeys: 'revoke' })}`), `${m.email} removed`);
        }}
      />
    </Card>
  );
}

function AuditCard() {
  const log = useResource(() => get<AuditLogPage>('/api/v1/audit-log?limit=20'));
  return (
    <Card
      title="Audit log"
      actions={
        <a href="/api/v1/audit-log/export" download="audit-log.ndjson" class="btn btn-secondary btn-sm">
          Export NDJSON
        </a>
      }
    >
      {log.error ? (
        <ErrorBox error={log.error} retry={log.reload} />
      ) : !log.data ? (
        <Skeleton rows={3} />
      ) : log.data.data.length === 0 ? (
        <EmptyState icon="list" title="No changes yet" />
      ) : (
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
              {log.data.data.map((e) => (
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
      )}
    </Card>
  );
}

export function TeamPage() {
  const can = usePermissions();
  const members = useResource(() => get<MemberList>('/api/v1/members'));
  const role = (useAccount() as { role?: string } | null)?.role;
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
      {can('members:manage') && <InviteCard onInvited={members.reload} />}
      {members.error ? (
        <ErrorBox error={members.error} retry={members.reload} />
      ) : !members.data ? (
        <Skeleton rows={3} />
      ) : (
        <MembersCard members={members.data.data} reload={members.reload} />
      )}
      {can('audit:read') && <AuditCard />}
    </div>
  );
}
