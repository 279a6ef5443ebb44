import { createSocket } from 'node:dgram';

// A small authoritative DNS server (for the custom-domain tests) on loopback UDP (RFC 1035 wire format) whose records a test
// changes as it goes: TXT, CNAME, A and AAAA; a name not in the zone is NXDOMAIN, a name in it
// without the asked type is NODATA, and a name in `silent` is never answered (a timeout).

export interface ZoneRecords {
  TXT?: string[];
  CNAME?: string;
  A?: string[];
  AAAA?: string[];
}

export interface TestDnsServer {
  /** `127.0.0.1:<port>`, for LINKWIRE_DNS_SERVERS. */
  address: string;
  zone: Map<string, ZoneRecords>;
  silent: Set<string>;
  /** Questions received, as `<TYPE> <name>`. */
  queries: string[];
  close(): Promise<void>;
}

const TYPES: Record<number, keyof ZoneRecords> = { 16: 'TXT', 5: 'CNAME', 1: 'A', 28: 'AAAA' };

function readName(msg: Buffer, offset: number): { name: string; end: number } {
  const labels: string[] = [];
  let i = offset;
  while (msg[i]! !== 0) {
    const len = msg[i]!;
    labels.push(msg.subarray(i + 1, i + 1 + len).toString('ascii'));
    i += len + 1;
  }
  return { name: labels.join('.').toLowerCase(), end: i + 1 };
}

function encodeName(name: string): Buffer {
  const parts = name.split('.').filter(Boolean);
  return Buffer.concat([...parts.map((p) => Buffer.concat([Buffer.from([p.length]), Buffer.from(p, 'ascii')])), Buffer.from([0])]);
}

function rdata(type: keyof ZoneRecords, value: string): Buffer {
  if (type === 'TXT') {
    const bytes = Buffer.from(value, 'utf8');
    const chunks: Buffer[] = [];
    for (let i = 0; i < bytes.length; i += 255) {
      const c = bytes.subarray(i, i + 255);
      chunks.push(Buffer.from([c.length]), c);
    }
    return Buffer.concat(chunks);
  }
  if (type === 'CNAME') return encodeName(value);
  if (type === 'A') return Buffer.from(value.split('.').map(Number));
  const groups = value.split('::');
  const head = groups[0] ? groups[0].split(':') : [];
  const tail = groups.length > 1 && groups[1] ? groups[1].split(':') : [];
  const full = [...head, ...Array(8 - head.length - tail.length).fill('0'), ...tail];
  const out = Buffer.alloc(16);
  for (const [i, g] of full.entries()) out.writeUInt16BE(Number.parseInt(g, 16), i * 2);
  return out;
}

export async function startDnsServer(): Promise<TestDnsServer> {
  const socket = createSocket('udp4');
  const zone = new Map<string, ZoneRecords>();
  const silent = new Set<string>();
  const queries: string[] = [];
  socket.on('message', (msg, rinfo) => {
    if (msg.length < 12) return;
    const { name, end } = readName(msg, 12);
    const qtype = msg.readUInt16BE(end);
    const type = TYPES[qtype];
    queries.push(`${type ?? qtype} ${name}`);
    if (silent.has(name)) return;
    const records = zone.get(name);
    const values = records && type ? ([] as string[]).concat(records[type] ?? []) : [];
    const header = Buffer.alloc(12);
    msg.copy(header, 0, 0, 2);
    // QR, opcode 0, AA, RD copied; RA; RCODE 3 (NXDOMAIN) for a name not in the zone.
    header.writeUInt16BE(0x8400 | (msg.readUInt16BE(2) & 0x0100) | 0x0080 | (records ? 0 : 3), 2);
    header.writeUInt16BE(1, 4);
    header.writeUInt16BE(values.length, 6);
    const question = msg.subarray(12, end + 4);
    const answers = values.map((v) => {
      const data = rdata(type!, v);
      const fixed = Buffer.alloc(12);
      fixed.writeUInt16BE(0xc00c, 0);
      fixed.writeUInt16BE(qtype, 2);
      fixed.writeUInt16BE(1, 4);
      fixed.writeUInt32BE(0, 6);
      fixed.writeUInt16BE(data.length, 10);
      return Buffer.concat([fixed, data]);
    });
    socket.send(Buffer.concat([header, question, ...answers]), rinfo.port, rinfo.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const { port } = socket.address();
  return {
    address: `127.0.0.1:${port}`,
    zone,
    silent,
    queries,
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}
