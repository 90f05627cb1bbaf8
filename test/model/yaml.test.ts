import { describe, it, expect } from 'vitest';
import { ValidationError } from '../../src/model/errors';
import { parseJob } from '../../src/model/parseJob';
import { checkJobYaml, parseJobYaml, toYaml } from '../../src/model/yaml';

const options = { random: () => 0.25 };
const issuesOf = (text: string) => {
  const result = checkJobYaml(text, 'job.yml', options);
  return result.ok ? [] : result.issues.map((issue) => `${issue.line}:${issue.col} ${issue.path} | ${issue.message}`);
};

describe('parseJobYaml positions', () => {
  it('points at the key of an unknown field, the value of a wrong one, and the mapping that lacks a required one', () => {
    const text = [
      'command: python train.py --data ${{inputs.data}}', // 1
      'environment: azureml:sklearn@latest', //               2
      'inputs:', //                                           3
      '  data:', //                                           4
      '    type: uri_folder', //                              5
      '    mode: ro-mount', //                                6
      '    pth: ./data', //                                   7
      'distribution:', //                                     8
      '  type: mpi', //                                       9
    ].join('\n');
    expect(issuesOf(text)).toEqual([
      '6:11 inputs.data.mode | must be one of: ro_mount, download, direct, eval_mount, eval_download (got "ro-mount") — did you mean "ro_mount"?',
      '7:5 inputs.data.pth | unknown field "pth" — did you mean "path"?',
      '8:1 distribution.process_count_per_instance | missing required field "process_count_per_instance" (a number)',
    ]);
  });

  it('reports a misspelt field once, as unknown, not also as missing', () => {
    const text = ['command: echo ${{inputs.data}}', 'environment: azureml:sklearn@latest', 'inputs:', '  data:', '    pth: ./data'].join('\n');
    expect(issuesOf(text)).toEqual(['5:5 inputs.data.pth | unknown field "pth" — did you mean "path"?']);
    expect(issuesOf(text.replace('pth: ./data', 'mode: download'))).toEqual(['4:3 inputs.data.path | a uri_folder input needs a "path" (or "optional: true")']);
  });

  it('reports YAML syntax errors with their line and column', () => {
    expect(issuesOf('command: echo hi\n\tenvironment: x\n')).toEqual(['2:1  | YAML syntax error: Tabs are not allowed as indentation']);
    expect(issuesOf('command: echo\ninputs:\n  - a\n  b: 2\n')).toEqual(['4:1  | YAML syntax error: All mapping items must start at the same column']);
  });

  it('says what it expected when the document is not a mapping', () => {
    expect(issuesOf('- command: echo hi\n')).toEqual(['1:1  | expected a mapping, got a list']);
    expect(issuesOf('just a string\n')).toEqual(['1:1  | expected a mapping, got "just a string"']);
  });

  it('accepts anchors, aliases and merge keys', () => {
    const text = [
      'environment: &env azureml:sklearn@latest',
      'command: echo ${{inputs.a}} ${{inputs.b}}',
      'inputs:',
      '  a: &base',
      '    type: uri_folder',
      '    path: ./a',
      '  b:',
      '    <<: *base',
      '    path: ./b',
      'tags:',
      '  env: *env',
    ].join('\n');
    const job = parseJobYaml(text, 'job.yml', options);
    expect(job.inputs).toStrictEqual({
      a: { type: 'uri_folder', path: './a', mode: 'ro_mount' },
      b: { type: 'uri_folder', path: './b', mode: 'ro_mount' },
    });
    expect(job.tags).toStrictEqual({ env: 'azureml:sklearn@latest' });
  });

  it('reads JSON, which is YAML too', () => {
    const job = parseJobYaml('{"command": "echo hi", "environment": "env:1", "name": "json-job"}', 'job.json', options);
    expect(job).toMatchObject({ name: 'json-job', type: 'command', command: 'echo hi' });
  });

  it('throws a ValidationError that names the file and carries every issue', () => {
    try {
      parseJobYaml('comand: x\nenvironment: 3\n', 'jobs/train.yml', options);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      const { issues, message } = error as ValidationError;
      expect(issues.map((issue) => `${issue.file}:${issue.line}:${issue.col} ${issue.path}`)).toEqual([
        'jobs/train.yml:1:1 comand',
        'jobs/train.yml:2:14 environment',
      ]);
      expect(message).toMatch(/^jobs\/train.yml is not a valid job:\n {2}jobs\/train.yml:1:1 {2}comand {2}unknown field "comand" — did you mean "command"\?\n/);
    }
  });
});

describe('toYaml', () => {
  it('round-trips awkward strings exactly: quotes, newlines, number-like and keyword-like text, unicode', () => {
    const awkward = ['', ' leading space', 'trailing space ', '1', '0x10', '1e3', 'true', 'null', '~', 'yes', '- dash', '#hash', 'a: b', '{x}', '[y]', '*star', '&amp', '!tag', '%pct', '@at', '`tick`', "'single'", '"double"', 'line\nbreak', 'trailing newline\n', '\n\nblank lines\n\n', 'tab\there', 'Zoë 日本語 🚀', 'back\\slash'];
    const job = parseJob(
      {
        name: 'awkward',
        command: 'printf "%s\\n" ${{inputs.v0}} # comment: with colon',
        environment: 'env:1',
        description: awkward.join('|'),
        tags: Object.fromEntries(awkward.map((value, index) => [`t${index}`, value])),
        inputs: Object.fromEntries(awkward.map((value, index) => [`v${index}`, value])),
        environment_variables: { EMPTY: '', SPACES: '  ' },
      },
      options,
    );
    const yaml = toYaml(job);
    expect(parseJobYaml(yaml, 'dumped.yml', { random: () => 0.9 })).toStrictEqual(job);
  });

  it('writes the fields users write, in their usual order', () => {
    const job = parseJob({ name: 'hello', command: 'echo hi', environment: 'env:1', compute: 'azureml:cpu' }, options);
    expect(toYaml(job)).toBe(
      ['type: command', 'name: hello', 'compute: azureml:cpu', 'command: echo hi', 'environment: env:1', 'inputs: {}', 'outputs: {}', 'resources:', '  instance_count: 1', ''].join('\n'),
    );
  });
});

describe('parseJob (JSON bodies, queue messages)', () => {
  it('reports dotted field paths without positions', () => {
    try {
      parseJob({ type: 'parallel', input_data: '${{inputs.x}}', task: { entry_script: 'score.py', environment: 'env:1' }, inputs: { x: { path: 'p', mode: 'upload' } } }, options);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues).toEqual([
        { path: 'inputs.x.mode', message: 'must be one of: ro_mount, download, direct, eval_mount, eval_download (got "upload")' },
      ]);
    }
  });
});
