import type { HostJson } from '../core/appConfig';
import type { RpcTypedData } from '../core/rpcTypes';

/**
 * Queue message bodies as the Functions storage extension writes and reads them. The queue SDK
 * sends text as is; the extension base64-encodes by default (host.json
 * `extensions.queues.messageEncoding`: "base64" | "none").
 */
export type MessageEncoding = 'base64' | 'none';

export function messageEncoding(hostJson: HostJson): MessageEncoding {
  const value = hostJson.extensions?.queues?.messageEncoding ?? 'base64';
  if (value !== 'base64' && value !== 'none') {
    throw new Error(`host.json extensions.queues.messageEncoding: expected "base64" or "none", got ${JSON.stringify(value)}.`);
  }
  return value;
}

export function encodeMessage(body: string | Buffer, encoding: MessageEncoding): string {
  if (encoding === 'none') return typeof body === 'string' ? body : body.toString('utf8');
  return (typeof body === 'string' ? Buffer.from(body, 'utf8') : body).toString('base64');
}

export class MessageDecodingError extends Error {
  override name = 'MessageDecodingError';
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** The message text as the function sees it; throws MessageDecodingError for invalid base64. */
export function decodeMessage(messageText: string, encoding: MessageEncoding): string {
  if (encoding === 'none') return messageText;
  const compact = messageText.replace(/\s+/g, '');
  if (!BASE64.test(compact)) {
    throw new MessageDecodingError(
      'the message is not valid base64, but host.json extensions.queues.messageEncoding is "base64" (the default); ' +
      'send base64-encoded messages or set messageEncoding to "none"',
    );
  }
  return Buffer.from(compact, 'base64').toString('utf8');
}

/**
 * The messages a queue output binding writes for one value: an array gives one message per item,
 * anything else one message (objects as JSON, buffers as bytes).
 */
export function outputMessages(data: RpcTypedData): Array<string | Buffer> {
  if (data.json !== undefined && data.json !== null) {
    const value: unknown = JSON.parse(data.json);
    const items = Array.isArray(value) ? value : [value];
    return items.filter((item) => item !== null && item !== undefined).map((item) => (typeof item === 'string' ? item : JSON.stringify(item)));
  }
  if (data.string !== undefined && data.string !== null) return [data.string];
  if (data.bytes !== undefined && data.bytes !== null) return [Buffer.from(data.bytes)];
  if (data.int !== undefined && data.int !== null) return [String(data.int)];
  if (data.double !== undefined && data.double !== null) return [String(data.double)];
  return [];
}
