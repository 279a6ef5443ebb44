/** Something that runs beside the HTTP server and must be stopped cleanly (dispatcher, schedulers). */
export interface BackgroundService {
  name: string;
  /** Finish or hand back in-flight work, then resolve. */
  stop(): Promise<void>;
}
