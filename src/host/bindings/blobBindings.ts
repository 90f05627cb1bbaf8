import type { RpcTypedData } from '../core/rpcTypes';
import type { Clock } from '../runtime/clock';
import type { BindingRef, InputBindingProvider, OutputBindingHandler, TriggerData } from '../runtime/types';
import { hasRuntimeExpressions, resolveRuntimeExpressions } from './bindingExpressions';
import type { StorageAccounts } from './storageAccounts';
import { parseBlobPath, type BlobPath } from './storageNames';
import type { ValidatingHandler } from './validation';

/**
 * `type: 'blob'` bindings (`input.storageBlob` / `output.storageBlob({ path, connection })`).
 * `path` is `container/blob-name` with binding expressions (`out/{id}.json`, `{rand-guid}`).
 * Input: the blob's bytes (`dataType: 'string'` gives text); a missing blob gives no value.
 * Output: strings as UTF-8, buffers as is, objects as JSON; the container is created if missing.
 */
abstract class BlobBinding implements ValidatingHandler {
  readonly type = 'blob';

  constructor(protected readonly accounts: StorageAccounts, private readonly clock: Clock) {}

  validate(ref: BindingRef): void {
    const path = ref.binding['path'];
    if (typeof path !== 'string' || path === '') throw new Error(`${describe(ref)}: "path" is required ("container/blob-name").`);
    if (!hasRuntimeExpressions(path.split('/')[0] ?? '')) parseBlobPath(path.replace(/\{[^}]*\}/g, 'x'), `${describe(ref)} path`);
    this.accounts.connection(ref.binding['connection'] as string | undefined);
  }

  protected path(ref: BindingRef, trigger: TriggerData): BlobPath {
    const where = `${describe(ref)} path`;
    const resolved = resolveRuntimeExpressions(String(ref.binding['path']), {
      bindingData: trigger.bindingData, now: this.clock.now(), functionName: ref.fn.metadata.name,
    }, where);
    return parseBlobPath(resolved, where);
  }
}

export class BlobInputProvider extends BlobBinding implements InputBindingProvider {
  async resolve(ref: BindingRef, trigger: TriggerData): Promise<RpcTypedData> {
    const { container, blobName } = this.path(ref, trigger);
    const client = this.accounts.blobService(ref.binding['connection'] as string | undefined)
      .getContainerClient(container).getBlockBlobClient(blobName);
    let content: Buffer;
    try {
      content = await client.downloadToBuffer();
    } catch (err) {
      if ((err as { statusCode?: number }).statusCode === 404) return {};
      throw err;
    }
    return ref.binding.dataType === 'string' ? { string: content.toString('utf8') } : { bytes: content };
  }
}

export class BlobOutputHandler extends BlobBinding implements OutputBindingHandler {
  async write(ref: BindingRef, data: RpcTypedData, trigger: TriggerData): Promise<void> {
    const body = blobBody(data);
    if (body === undefined) return;
    const { container, blobName } = this.path(ref, trigger);
    const connection = ref.binding['connection'] as string | undefined;
    const upload = async (): Promise<void> => {
      await (await this.accounts.container(connection, container)).getBlockBlobClient(blobName).uploadData(body);
    };
    try {
      await upload();
    } catch (err) {
      if ((err as { statusCode?: number }).statusCode !== 404) throw err;
      // The container was deleted since we created it: create it again, once.
      this.accounts.forget(this.accounts.blobService(connection).getContainerClient(container).url);
      await upload();
    }
  }
}

function blobBody(data: RpcTypedData): Buffer | undefined {
  if (data.bytes !== undefined && data.bytes !== null) return Buffer.from(data.bytes);
  if (data.string !== undefined && data.string !== null) return Buffer.from(data.string, 'utf8');
  if (data.json !== undefined && data.json !== null) return Buffer.from(data.json, 'utf8');
  if (data.int !== undefined && data.int !== null) return Buffer.from(String(data.int));
  if (data.double !== undefined && data.double !== null) return Buffer.from(String(data.double));
  return undefined;
}

function describe(ref: BindingRef): string {
  return `Function "${ref.fn.metadata.name}", blob ${ref.binding.direction === 'out' ? 'output' : 'input'} binding "${ref.name}"`;
}
