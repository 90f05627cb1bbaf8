/** What test apps (test/apps/probe.js) record, shared through globalThis with the app code. */
export interface ProbeEvent {
  kind: string;
  [field: string]: unknown;
}

interface Probe {
  events: ProbeEvent[];
  /** Set by the queue-basic app's "slow" function: how many run now, and the most at once. */
  active?: number;
  maxActive?: number;
  /** Promises a test app awaits until the test opens them (see openGate). */
  gates: Map<string, { promise: Promise<void>; open: () => void }>;
}

const globalProbe = globalThis as unknown as { __hostTestProbe?: Probe };

export function probe(): Probe {
  globalProbe.__hostTestProbe ??= { events: [], gates: new Map() };
  return globalProbe.__hostTestProbe;
}

export function events(kind: string): ProbeEvent[] {
  return probe().events.filter((e) => e.kind === kind);
}

export function resetProbe(): void {
  const p = probe();
  p.events.length = 0;
  p.gates.clear();
  delete p.active;
  delete p.maxActive;
}

/** Creates a gate the app awaits with `await probe.gate(name)`; returns the function that opens it. */
export function gate(name: string): () => void {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => { open = resolve; });
  probe().gates.set(name, { promise, open });
  return open;
}
