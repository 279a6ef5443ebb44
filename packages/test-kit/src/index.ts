// What the server's tests, the dashboard's tests and the bench share. It imports nothing from the
// packages it serves (the server's CLI is a path it spawns), so none of them can form a cycle with
// it. The browser launcher is a separate entry, '@linkwire/test-kit/browser', so that only the
// browser tests load playwright-core.
export { freePort } from './net.js';
export { getOnHost, type HostResponse } from './http.js';
export { listeningUrl, SERVER_CLI, type SpawnedNode, type SpawnNodeOptions, spawnNode } from './node.js';
export { type Handler, type ReceivedRequest, type Receiver, type ReceiverOptions, type ReceiverPool, receiverPool, startReceiver } from './receiver.js';
export { liveThreads } from './threads.js';
export { type Truthy, waitFor } from './wait.js';
export { startDnsServer, type TestDnsServer, type ZoneRecords } from './dns.js';
