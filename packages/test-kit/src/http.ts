import { request } from 'node:http';

export interface HostResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * A GET to `origin` over a real socket with the Host header of `host`: how a custom domain's
 * request reaches the node when no DNS is involved on the client side (fetch would refuse to
 * set Host). Redirects are not followed; the body is read as UTF-8.
 */
export function getOnHost(origin: string, host: string, path: string, headers: Record<string, string> = {}): Promise<HostResponse> {
  return new Promise((resolve, reject) => {
    const req = request(`${origin}${path}`, { headers: { host, ...headers } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => {
        body += c;
      });
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}
