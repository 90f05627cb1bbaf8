import { describe, expect, it } from 'vitest';
import { ComputeRegistry, computeNamesFromSetting } from '../../../src/adapters/compute/registry';
import { ValidationError } from '../../../src/model/errors';
import type { ComputeTarget } from '../../../src/ports';

function fakeTarget(name: string): ComputeTarget {
  const unused = () => Promise.reject(new Error('not used in this test'));
  return { name, start: unused, poll: unused, cancel: unused };
}

describe('computeNamesFromSetting', () => {
  it('reads a comma-separated list, ignoring blanks and spaces', () => {
    expect(computeNamesFromSetting(' local, gpu-box ,,cpu_2 ')).toEqual(['local', 'gpu-box', 'cpu_2']);
  });

  it('configures only local when the setting is unset or empty', () => {
    expect(computeNamesFromSetting(undefined)).toEqual(['local']);
    expect(computeNamesFromSetting(' , ')).toEqual(['local']);
  });

  it('rejects malformed and repeated names, each one named', () => {
    const error = (() => {
      try {
        return computeNamesFromSetting('local,gpu box,local,../x');
      } catch (caught) {
        return caught;
      }
    })();

    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual([
      { path: 'COMPUTE_TARGETS', message: expect.stringMatching(/^"gpu box" is not a compute name/) },
      { path: 'COMPUTE_TARGETS', message: '"local" is listed twice' },
      { path: 'COMPUTE_TARGETS', message: expect.stringMatching(/^"\.\.\/x" is not a compute name/) },
    ]);
  });
});

describe('ComputeRegistry', () => {
  const registry = ComputeRegistry.fromSetting('local,gpu-box', fakeTarget);

  it('resolves a configured compute by its name or as azureml:NAME', () => {
    expect(registry.resolve('local').name).toBe('local');
    expect(registry.resolve('gpu-box').name).toBe('gpu-box');
    expect(registry.resolve('azureml:gpu-box').name).toBe('gpu-box');
  });

  it('rejects an unknown compute with a ValidationError listing the configured ones', () => {
    expect(() => registry.resolve('cpu-cluster')).toThrow(ValidationError);
    expect(() => registry.resolve('azureml:cpu-cluster')).toThrow(
      'unknown compute:\n  compute  compute "cpu-cluster" is not configured (configured: local, gpu-box; app setting COMPUTE_TARGETS)',
    );
  });

  it('suggests the closest configured name for a typo', () => {
    expect(() => registry.resolve('gpu-bx')).toThrow(/compute "gpu-bx" is not configured — did you mean "gpu-box"\?/);
  });

  it('refuses two targets with the same name', () => {
    expect(() => new ComputeRegistry([fakeTarget('local'), fakeTarget('local')])).toThrow('ComputeRegistry: two compute targets are named "local"');
  });

  it('lists its names in configuration order', () => {
    expect(registry.names).toEqual(['local', 'gpu-box']);
  });
});
