import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { baseEnvironment } from './environment';
import { runnerPath } from './runnerPath';

/** What runner.js reads on its stdin. */
export interface RunnerSpec {
  command: string;
  workingDir: string;
  /** The command's complete environment; may hold secrets, so it travels by pipe only. */
  environment: Record<string, string>;
  heartbeatMs: number;
  graceMs: number;
}

type RunnerAnswer = { ok: true; pid: number } | { ok: false; error: string };

/**
 * Starts runner.js for the run in `runDir`, detached (its own session and process group, so it
 * outlives the host and is not hit by signals meant for the host's group), and resolves once the
 * command runs. The runner's own diagnostics go to `runner.log`, quoted when it fails to start.
 * `onExit` is called when the runner exits — after it wrote exit.json — while this process lives.
 */
export async function launchRunner(runDir: string, spec: RunnerSpec, onExit?: () => void, timeoutMs = 10_000): Promise<void> {
  const logFile = path.join(runDir, 'runner.log');
  const log = openSync(logFile, 'a');
  const child = spawn(process.execPath, [runnerPath(), runDir], {
    cwd: runDir, detached: true, env: baseEnvironment(), stdio: ['pipe', 'pipe', log],
  });
  closeSync(log);
  const { stdin, stdout } = child;
  if (!stdin || !stdout) throw new Error('local compute: spawn gave the runner no stdin/stdout pipes');
  const failure = (what: string) => {
    const diagnostics = readFileSync(logFile, 'utf8').trim().slice(-2000);
    return new Error(`local compute: the runner for ${runDir} ${what}${diagnostics ? `:\n${diagnostics}` : ''}`);
  };
  try {
    const answer = await new Promise<RunnerAnswer>((resolve, reject) => {
      let text = '';
      const timer = setTimeout(() => reject(failure(`did not start within ${timeoutMs} ms`)), timeoutMs);
      child.once('error', (error) => { clearTimeout(timer); reject(failure(`could not be spawned (${error.message})`)); });
      // 'close', not 'exit': a runner that answers and ends at once may exit before its answer has
      // been read from the pipe; 'close' comes only after the pipes are drained.
      child.once('close', (code, signal) => { clearTimeout(timer); reject(failure(`exited (${signal ?? code}) before the command started`)); });
      stdout.on('data', (chunk: Buffer) => {
        text += chunk.toString('utf8');
        if (!text.includes('\n')) return;
        clearTimeout(timer);
        try {
          resolve(JSON.parse(text.slice(0, text.indexOf('\n'))) as RunnerAnswer);
        } catch {
          reject(failure(`answered "${text.trim().slice(0, 200)}" instead of a JSON line`));
        }
      });
      stdin.on('error', () => {}); // an early exit surfaces through 'close'
      stdin.end(JSON.stringify(spec));
    });
    if (!answer.ok) throw failure(`could not start the command: ${answer.error}`);
    if (onExit) {
      if (child.exitCode !== null || child.signalCode !== null) onExit();
      else child.once('exit', () => onExit());
    }
  } catch (error) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    throw error;
  } finally {
    child.removeAllListeners('close');
    stdout.destroy();
    child.unref();
  }
}
