/** What `startServices` did about one service. Lines and endpoints never include keys. */
export type ServiceOutcome =
  | { readonly action: 'started'; readonly pid: number | undefined; readonly endpoints: readonly string[] }
  | { readonly action: 'reused'; readonly endpoints: readonly string[] }
  | { readonly action: 'skipped'; readonly reason: string };

export interface ProvidedService {
  readonly outcome: ServiceOutcome;
  /** Stops the service if this process started it; a reused or skipped one is left alone. */
  stop(): Promise<void>;
}

export function notStarted(outcome: ServiceOutcome): ProvidedService {
  return { outcome, stop: async () => {} };
}

/** The TCP port of an http(s) URL, defaults included. */
export function urlPort(url: URL): number {
  if (url.port !== '') return Number(url.port);
  return url.protocol === 'https:' ? 443 : 80;
}
