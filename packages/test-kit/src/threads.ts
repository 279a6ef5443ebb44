/**
 * Worker threads alive in this process right now. `process.report` lists every live worker;
 * neither `getActiveResourcesInfo()` nor the handle list shows them. Under tsx the count includes
 * its loader threads, so compare with a count taken at start, not with zero.
 */
export function liveThreads(): number {
  const report = process.report.getReport() as { workers?: unknown[] };
  return report.workers?.length ?? 0;
}
