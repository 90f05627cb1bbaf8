/** The part of loadtest 8 (an ES module without type declarations) that getLoad.ts uses. */
declare module 'loadtest' {
  import type { ClientRequest, IncomingMessage, RequestOptions } from 'node:http';

  export interface LoadTestOptions {
    url: string;
    requestsPerSecond?: number;
    maxSeconds?: number;
    agentKeepAlive?: boolean;
    quiet?: boolean;
    requestGenerator?: (
      options: LoadTestOptions,
      params: RequestOptions,
      request: (params: RequestOptions, callback: (response: IncomingMessage) => void) => ClientRequest,
      callback: (response: IncomingMessage) => void,
    ) => ClientRequest;
  }

  export interface LoadTestResult {
    totalRequests: number;
    totalErrors: number;
    effectiveRps: number;
    meanLatencyMs: number;
    maxLatencyMs: number;
    /** Whole milliseconds (the histogram's buckets). */
    percentiles: Record<'50' | '90' | '95' | '99', number>;
    errorCodes: Record<string, number>;
    clients: number;
  }

  export function loadTest(options: LoadTestOptions): Promise<LoadTestResult>;
}
