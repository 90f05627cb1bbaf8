import { spawn, type ChildProcess } from 'node:child_process';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { groupIsAlive, identityOf, isSameProcess, signalGroup } from '../../../src/adapters/compute/local/processes';
import { eventually } from '../../support/hostProcess';

const children: ChildProcess[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(children.splice(0).map((child) => new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve(undefined);
    child.once('exit', resolve);
    child.kill('SIGKILL');
  })));
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

function run(file: string, args: string[]): ChildProcess & { pid: number } {
  const child = spawn(file, args, { stdio: ['ignore', 'pipe', 'ignore'] });
  children.push(child);
  if (child.pid === undefined) throw new Error(`cannot spawn ${file}`);
  return child as ChildProcess & { pid: number };
}

describe('process identities', () => {
  it('stay the same for the whole life of a process and are gone once it has ended', async () => {
    const child = run('sleep', ['100']);
    const identity = identityOf(child.pid);

    expect(identity).toMatch(/^[^/]+\/\d+$/);
    expect(identityOf(child.pid)).toBe(identity);
    expect(isSameProcess(child.pid, identity)).toBe(true);

    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    expect(identityOf(child.pid)).toBeUndefined();
    expect(isSameProcess(child.pid, identity)).toBe(false);
  });

  it('tell a recorded process from another that now has its pid', () => {
    expect(isSameProcess(process.pid, 'an-earlier-boot/12345')).toBe(false);
    expect(isSameProcess(process.pid, identityOf(process.pid))).toBe(true);
  });

  it('are read correctly for a process whose name holds spaces and parentheses', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'dj-processes-'));
    dirs.push(dir);
    await copyFile('/bin/sleep', path.join(dir, 'a) b (c'));
    const odd = run(path.join(dir, 'a) b (c'), ['100']);
    const later = run('sleep', ['100']);

    const [oddStart, laterStart] = [identityOf(odd.pid), identityOf(later.pid)].map((identity) => Number(identity?.split('/')[1]));

    expect(Number.isInteger(oddStart)).toBe(true);
    expect(oddStart).toBeLessThanOrEqual(laterStart as number);
    expect(identityOf(odd.pid)?.split('/')[0]).toBe(identityOf(later.pid)?.split('/')[0]);
  });
});

describe('groupIsAlive', () => {
  it('holds while the group leader runs', () => {
    const leader = spawn('sleep', ['100'], { detached: true, stdio: 'ignore' });
    children.push(leader);

    expect(groupIsAlive(leader.pid as number, identityOf(leader.pid as number))).toBe(true);
  });

  it('does not count a zombie as a live member of its group', async () => {
    // The background `setsid sh` makes a group of its own and exits as soon as its parent has
    // become `sleep`, which never reaps it: a group whose only member is a zombie.
    const member = 'until [ "$(cat /proc/$PPID/comm)" = sleep ]; do sleep 0.01; done';
    const parent = run('sh', ['-c', `setsid sh -c '${member}' & echo $!; exec sleep 100`]);
    let text = '';
    parent.stdout?.on('data', (chunk: Buffer) => { text += chunk.toString(); });
    const zombie = await eventually(async () => (text.includes('\n') ? Number(text) : undefined), 'the group id', 5000);
    await eventually(async () => (identityOf(zombie) === undefined ? true : undefined), 'the member to end', 5000);

    expect(signalGroup(zombie, 0)).toBe(true);
    expect(groupIsAlive(zombie, undefined)).toBe(false);
  });
});
