// A bare node:http server answering every request with `302 Location: …` (child process of redirect.ts).
import { createServer } from 'node:http';

const LOCATION = 'https://shop.example.com/collections/spring?utm_source=linkwire';
const server = createServer({ keepAliveTimeout: 60_000 }, (req, res) => {
  req.resume();
  res.writeHead(302, { location: LOCATION, 'content-length': '0', 'cache-control': 'no-store' });
  res.end();
});
server.listen(0, '127.0.0.1', () => {
  const addr = server.address();
  process.send?.({ ready: true, port: typeof addr === 'object' && addr ? addr.port : 0 });
});
process.on('disconnect', () => process.exit(0));
