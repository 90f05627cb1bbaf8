import { randomBytes } from 'node:crypto';
import { resolveConnection } from '../core/appConfig';
import type { HostExtension, HostServices, TriggerListener } from '../runtime/types';
import { AzureTaskHubStore } from './azureTaskHubStore';
import { DurableEngine } from './durableEngine';
import { TaskHubLease } from './taskHubLease';
import { durableClientData, managementApi, type ManagementApiOptions } from './managementApi';
import type { TaskHubStore } from './taskHubStore';

export interface DurableExtensionOptions {
  /** Overrides the store built from `AzureWebJobsStorage` (tests). */
  store?: TaskHubStore;
  /** Overrides host.json `extensions.durableTask.hubName` (tests isolate runs this way). */
  hubName?: string;
}

/**
 * Durable Functions for the local host: the engine, the `durableClient` input binding and the
 * HTTP management API. Settings come from host.json `extensions.durableTask`.
 */
export class DurableExtension implements HostExtension {
  readonly name = 'durableTask';
  private engineRef: DurableEngine | undefined;
  private api: ManagementApiOptions | undefined;
  private baseUrl = 'http://127.0.0.1:7071';
  private readonly rpcPrefix = `/durabletask-rpc/${randomBytes(16).toString('hex')}/`;

  constructor(private readonly options: DurableExtensionOptions = {}) {}

  get engine(): DurableEngine {
    if (!this.engineRef) throw new Error('The durable extension has not started yet.');
    return this.engineRef;
  }

  private ensureEngine(services: HostServices): DurableEngine {
    if (this.engineRef) return this.engineRef;
    const settings = services.hostJson.extensions?.durableTask ?? {};
    const hubName = this.options.hubName ?? (settings.hubName as string | undefined) ?? 'TestHubName';
    const connectionName = (settings.storageProvider as { connectionStringName?: string } | undefined)?.connectionStringName;
    const connection = resolveConnection(connectionName, services.env);
    const store = this.options.store ?? new AzureTaskHubStore(connection, hubName);
    this.engineRef = new DurableEngine({
      store, lease: new TaskHubLease(connection, hubName, services.logger), invoke: services.invoke, functions: services.functions, clock: services.clock, logger: services.logger,
      maxConcurrentActivities: settings.maxConcurrentActivityFunctions,
      maxConcurrentOrchestrations: settings.maxConcurrentOrchestratorFunctions,
    });
    this.api = {
      engine: this.engineRef, taskHubName: hubName, rpcPrefix: this.rpcPrefix,
      systemKey: services.env.FUNCTIONS_MASTER_KEY || undefined, baseUrl: () => this.baseUrl,
    };
    return this.engineRef;
  }

  /** Durable triggers are driven by the engine, not polled: the listener only claims the types. */
  listeners(): TriggerListener[] {
    return [{
      triggerTypes: ['orchestrationTrigger', 'activityTrigger', 'entityTrigger'],
      start: async () => undefined,
      stop: async () => undefined,
    }];
  }

  inputProviders(services: HostServices) {
    return ['durableClient', 'orchestrationClient'].map((type) => ({
      type,
      resolve: async () => {
        this.ensureEngine(services);
        return { string: JSON.stringify(durableClientData(this.api!)) };
      },
    }));
  }

  systemHttp(services: HostServices) {
    this.ensureEngine(services);
    return managementApi(this.api!);
  }

  async start(services: HostServices & { baseUrl: string }): Promise<void> {
    this.baseUrl = services.baseUrl;
    // durable-functions rewrites management URLs to localhost:7071 unless WEBSITE_HOSTNAME is set.
    services.env.WEBSITE_HOSTNAME ??= new URL(services.baseUrl).host;
    await this.ensureEngine(services).start();
  }

  async stop(): Promise<void> {
    await this.engineRef?.stop();
  }

  isBusy(): boolean {
    return this.engineRef?.isBusy() ?? false;
  }
}
