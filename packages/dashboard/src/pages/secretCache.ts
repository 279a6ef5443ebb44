// The secret returned by POST /webhooks, handed to the detail page once (memory only).
const secrets = new Map<string, string>();
export function rememberSecret(id: string, secret: string): void {
  secrets.set(id, secret);
}
export function takeSecret(id: string): string | undefined {
  const s = secrets.get(id);
  secrets.delete(id);
  return s;
}
