import type { ChildProcess } from 'node:child_process';
import type { Duplex } from 'node:stream';
import { LineSplitter } from './lines';
import type { ToWorker } from './protocol';

/** How the pool talks to one worker process; messages are checked by the receiver (WorkerProcess). */
export interface Channel {
  send(message: ToWorker): void;
  /** Every message the worker sends, not yet validated; `undefined` for a line that is not JSON. */
  onMessage(listener: (message: unknown, raw: string) => void): void;
}

/**
 * The fork IPC channel of a node worker. A send to a worker that has just died fails quietly here:
 * the worker's exit is what the pool reacts to.
 */
export function ipcChannel(child: ChildProcess): Channel {
  return {
    send(message) {
      if (child.connected) child.send(message, (error) => void error);
    },
    onMessage(listener) {
      child.on('message', (message) => listener(message, ''));
    },
  };
}

/** JSON lines over a duplex pipe (the Python worker's fd 3). */
export function jsonLinesChannel(pipe: Duplex): Channel {
  pipe.setEncoding('utf8');
  pipe.on('error', () => {}); // a dead worker shows through its exit
  return {
    send(message) {
      if (pipe.writable) pipe.write(`${JSON.stringify(message)}\n`);
    },
    onMessage(listener) {
      const lines = new LineSplitter((line) => listener(parseJson(line), line));
      pipe.on('data', (chunk: string) => lines.push(chunk));
      pipe.on('end', () => lines.end());
    },
  };
}

function parseJson(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}
