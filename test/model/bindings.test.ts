import { describe, it, expect } from 'vitest';
import { execFileSync } from 'node:child_process';
import { checkTemplate, expandCommand, formatBindingValue } from '../../src/model/bindings';
import { parseSingleRef, parseTemplate, referencesIn } from '../../src/model/template';
import { ValidationError } from '../../src/model/errors';
import { HOSTILE_VALUES, runWithArgs, SHELLS } from './shellHarness';

const ports = { inputs: ['data', 'lr', 'seed', 'notes'], optionalInputs: ['seed', 'notes'], outputs: ['model'] };

describe('parseTemplate', () => {
  it('splits text, references and optional blocks', () => {
    const parsed = parseTemplate('python train.py --data ${{inputs.data}} $[[--seed ${{ inputs.seed }}]] --out ${{outputs.model}}');
    expect(parsed).toEqual({
      ok: true,
      parts: [
        { kind: 'text', text: 'python train.py --data ' },
        { kind: 'ref', ref: { kind: 'inputs', name: 'data' }, raw: '${{inputs.data}}' },
        { kind: 'text', text: ' ' },
        {
          kind: 'optional',
          raw: '$[[--seed ${{ inputs.seed }}]]',
          segments: [
            { kind: 'text', text: '--seed ' },
            { kind: 'ref', ref: { kind: 'inputs', name: 'seed' }, raw: '${{ inputs.seed }}' },
          ],
        },
        { kind: 'text', text: ' --out ' },
        { kind: 'ref', ref: { kind: 'outputs', name: 'model' }, raw: '${{outputs.model}}' },
      ],
    });
  });

  it('lists every reference in order, inside blocks too', () => {
    const parsed = parseTemplate('a ${{inputs.data}} $[[b ${{inputs.seed}}]] ${{outputs.model}}');
    expect(parsed.ok && referencesIn(parsed.parts)).toEqual([
      { kind: 'inputs', name: 'data' },
      { kind: 'inputs', name: 'seed' },
      { kind: 'outputs', name: 'model' },
    ]);
  });

  it.each([
    ['echo ${{inputs.data', '"${{inputs.data" is never closed with "}}"'],
    ['echo ${{search_space.lr}}', 'unsupported expression ${{search_space.lr}}: only ${{inputs.<name>}} and ${{outputs.<name>}} are supported'],
    ['echo ${{inputs.data.path}}', /unsupported expression/],
    ['echo ${{parent.inputs.x}}', /unsupported expression/],
    ['a $[[b $[[c]] ]]', 'optional blocks cannot be nested: "$[[c]] ]]" is inside "$[[b $[[c]] ]]"'],
    ['a $[[b ${{inputs.seed}} and a long tail', 'optional block "$[[b ${{inputs.seed}} and a long…" is never closed with "]]"'],
  ])('rejects %j', (template, message) => {
    const parsed = parseTemplate(template);
    expect(parsed.ok).toBe(false);
    if (typeof message === 'string') expect(!parsed.ok && parsed.error).toBe(message);
    else expect(!parsed.ok && parsed.error).toMatch(message);
  });

  it('keeps ]] outside a block as plain text', () => {
    expect(parseTemplate('[[ -f x ]] && echo ok')).toEqual({ ok: true, parts: [{ kind: 'text', text: '[[ -f x ]] && echo ok' }] });
  });
});

describe('parseSingleRef', () => {
  it('accepts exactly one reference, surrounding spaces allowed', () => {
    expect(parseSingleRef('${{inputs.images}}')).toEqual({ kind: 'inputs', name: 'images' });
    expect(parseSingleRef('  ${{ outputs.scores }} ')).toEqual({ kind: 'outputs', name: 'scores' });
  });

  it('rejects anything more or less than one reference', () => {
    for (const value of ['inputs.images', '${{inputs.a}}${{inputs.b}}', '--x ${{inputs.a}}', '${{inputs.a}} x', '${{name}}']) {
      expect(parseSingleRef(value), value).toBeUndefined();
    }
  });
});

describe('checkTemplate', () => {
  it('accepts a template whose references are declared and whose optional inputs sit in blocks', () => {
    expect(checkTemplate('python t.py --data ${{inputs.data}} --lr ${{inputs.lr}} $[[--seed ${{inputs.seed}}]] --out ${{outputs.model}}', ports)).toEqual([]);
  });

  it('names an undeclared input and the closest declared one', () => {
    expect(checkTemplate('python t.py --data ${{inputs.dta}}', ports)).toEqual([
      '${{inputs.dta}} refers to input "dta", which is not declared — did you mean "data"?',
    ]);
  });

  it('lists the declared names when nothing is close, and says when none are declared', () => {
    expect(checkTemplate('x ${{inputs.zzzzzzzz}}', ports)).toEqual([
      '${{inputs.zzzzzzzz}} refers to input "zzzzzzzz", which is not declared; declared inputs: data, lr, seed, notes',
    ]);
    expect(checkTemplate('x ${{outputs.model}}', { inputs: [], optionalInputs: [], outputs: [] })).toEqual([
      '${{outputs.model}} refers to output "model", which is not declared; the job declares no outputs',
    ]);
  });

  it('requires optional inputs to be used inside an optional block', () => {
    expect(checkTemplate('x --seed ${{inputs.seed}}', ports)).toEqual([
      'input "seed" is optional, so ${{inputs.seed}} must be inside an optional block: $[[ … ${{inputs.seed}} … ]]',
    ]);
  });

  it('rejects an optional block that uses no optional input, since it could never be dropped', () => {
    expect(checkTemplate('x $[[--data ${{inputs.data}}]]', ports)).toEqual([
      'optional block $[[--data ${{inputs.data}}]] uses no optional input, so it would always be kept; mark one of its inputs "optional: true" or remove the $[[ ]]',
    ]);
  });

  it('does not also call a block pointless when its only reference is undeclared', () => {
    expect(checkTemplate('x $[[--sed ${{inputs.sed}}]]', ports)).toEqual([
      '${{inputs.sed}} refers to input "sed", which is not declared — did you mean "seed"?',
    ]);
  });

  it('rejects an optional block that leaves a quote open, since dropping it would change the rest', () => {
    expect(checkTemplate('x $[[--seed "${{inputs.seed}}]]"', ports)).toEqual([
      'optional block $[[--seed "${{inputs.seed}}]] opens quotes or a substitution it does not close; dropping it would change the rest of the command',
    ]);
  });

  it('rejects references placed where no quoting is safe', () => {
    expect(checkTemplate('echo `cat ${{inputs.data}}`', ports)).toEqual([
      '${{inputs.data}} cannot be quoted safely inside `…` command substitution; use $( … ) instead',
    ]);
    expect(checkTemplate('cat <<EOF\n${{inputs.data}}\nEOF', ports)).toEqual([
      '${{inputs.data}} cannot be quoted safely after a here-document operator (<<)',
    ]);
  });

  it('reports a syntax error alone', () => {
    expect(checkTemplate('x ${{inputs.data', ports)).toEqual(['"${{inputs.data" is never closed with "}}"']);
  });
});

describe('expandCommand', () => {
  it('quotes substituted values and keeps the template text as written', () => {
    expect(expandCommand('python train.py --data ${{inputs.data}} | tee "log file.txt"', { inputs: { data: '/mnt/in' } })).toBe(
      "python train.py --data '/mnt/in' | tee \"log file.txt\"",
    );
  });

  it('keeps an optional block whose inputs all have values, and drops one whose input has none', () => {
    const template = 'train $[[--seed ${{inputs.seed}}]] $[[--notes ${{inputs.notes}}]] --out ${{outputs.model}}';
    expect(expandCommand(template, { inputs: { seed: 7 }, outputs: { model: '/mnt/out' } })).toBe("train --seed '7'  --out '/mnt/out'");
  });

  it('renders numbers as written and booleans as Python spells them', () => {
    expect(formatBindingValue(0.01)).toBe('0.01');
    expect(formatBindingValue(42)).toBe('42');
    expect(formatBindingValue(true)).toBe('True');
    expect(formatBindingValue(false)).toBe('False');
    expect(expandCommand('x ${{inputs.a}} ${{inputs.b}}', { inputs: { a: 3, b: false } })).toBe("x '3' 'False'");
  });

  it('fails with a ValidationError naming a required reference that has no value', () => {
    expect(() => expandCommand('x ${{inputs.data}}', { inputs: {} })).toThrow(ValidationError);
    expect(() => expandCommand('x ${{inputs.data}}', { inputs: {} })).toThrow(/\$\{\{inputs.data\}\} has no value and is not inside an optional block/);
  });

  it('fails on NUL in a value, naming the reference', () => {
    expect(() => expandCommand('x ${{inputs.data}}', { inputs: { data: 'a\0b' } })).toThrow(/value for \$\{\{inputs.data\}\} contains a NUL character/);
  });

  it('fails rather than guess inside backticks, here-documents and ${ }', () => {
    for (const template of ['echo `cat ${{inputs.data}}`', 'cat <<EOF\n${{inputs.data}}\nEOF', 'echo ${X:-${{inputs.data}}}']) {
      expect(() => expandCommand(template, { inputs: { data: 'v' } }), template).toThrow(/cannot be quoted safely/);
    }
  });

  for (const shell of SHELLS) {
    it(`delivers hostile values through ${shell} unchanged, wherever the template puts them`, () => {
      const template = [
        'args ${{inputs.v}}',
        'args --name=${{inputs.v}}',
        'args "<${{inputs.v}}>"',
        "args '<${{inputs.v}}>'",
        'args "a $(args ${{inputs.v}}) b"',
        '# the value is ${{inputs.v}} — still a comment',
        'args $[[--opt ${{inputs.v}}]] end',
      ].join('\n');
      for (const value of HOSTILE_VALUES) {
        const command = expandCommand(template, { inputs: { v: value } });
        const inner = `1:[${value}]`.replace(/\n+$/, ''); // $( ) strips trailing newlines
        expect(runWithArgs(command, shell), JSON.stringify(value.slice(0, 40))).toBe(
          [`1:[${value}]`, `1:[--name=${value}]`, `1:[<${value}>]`, `1:[<${value}>]`, `1:[a ${inner} b]`, `3:[--opt][${value}][end]`, ''].join('\n'),
        );
      }
    });
  }

  it("round-trips every hostile value through sh -c \"printf '%s\\n' …\"", () => {
    for (const value of HOSTILE_VALUES) {
      const command = expandCommand("printf '%s\\n' ${{inputs.v}}", { inputs: { v: value } });
      expect(execFileSync('/bin/sh', ['-c', command], { encoding: 'utf8' })).toBe(`${value}\n`);
    }
  });

  it('drops the optional block for real: the shell sees only what remains', () => {
    const command = expandCommand('args a $[[--opt ${{inputs.v}}]] b', { inputs: {} });
    expect(runWithArgs(command)).toBe('2:[a][b]\n');
  });
});
