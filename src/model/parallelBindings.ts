import { undeclaredRefMessage } from './bindings';
import { formatRef, parseSingleRef } from './template';
import { DEFAULT_INPUT_TYPE, isDataInputType, JobInput, TABULAR_INPUT_TYPES } from './inputs';
import { declaredPorts } from './jobCommon';
import { formatMiniBatchSize, parseMiniBatchSize } from './miniBatchSize';
import type { JobOutput } from './outputs';
import type { RunFunction } from './runFunction';

/**
 * Cross-field rules of a parallel job: `input_data` names a declared, non-optional data input;
 * `append_row_to` names a declared output; a byte-sized `mini_batch_size` needs tabular input.
 */

interface ParallelBindingFields {
  readonly inputs?: Readonly<Record<string, JobInput>> | undefined;
  readonly outputs?: Readonly<Record<string, JobOutput>> | undefined;
  readonly input_data: string;
  readonly mini_batch_size?: number | string | undefined;
  readonly task: RunFunction;
}

export interface FieldProblem {
  readonly path: (string | number)[];
  readonly message: string;
}

export function checkParallelBindings(job: ParallelBindingFields): FieldProblem[] {
  const ports = declaredPorts(job);
  const problems: FieldProblem[] = [];
  const problem = (path: (string | number)[], message: string) => problems.push({ path, message });

  const dataRef = parseSingleRef(job.input_data);
  let dataInput: JobInput | undefined;
  if (dataRef === undefined || dataRef.kind !== 'inputs') {
    problem(['input_data'], `expected a single reference to a declared input, like \${{inputs.images}}, got ${JSON.stringify(job.input_data)}`);
  } else {
    const undeclared = undeclaredRefMessage(dataRef, ports);
    dataInput = job.inputs?.[dataRef.name];
    if (undeclared) problem(['input_data'], undeclared);
    else if (typeof dataInput !== 'object' || !isDataInputType(dataInput.type ?? DEFAULT_INPUT_TYPE)) {
      problem(['input_data'], `${formatRef(dataRef)} must refer to a data input (uri_folder, uri_file, mltable, …), but "${dataRef.name}" is a ${typeof dataInput === 'object' ? dataInput.type : 'literal'} value`);
      dataInput = undefined;
    } else if (dataInput.optional === true) {
      problem(['input_data'], `${formatRef(dataRef)} refers to an optional input; the data to split must always be present`);
    }
  }

  const size = job.mini_batch_size === undefined ? undefined : parseMiniBatchSize(job.mini_batch_size);
  if (size?.kind === 'bytes' && typeof dataInput === 'object') {
    const type = dataInput.type ?? DEFAULT_INPUT_TYPE;
    if (!(TABULAR_INPUT_TYPES as readonly string[]).includes(type)) {
      problem(['mini_batch_size'], `"${formatMiniBatchSize(size)}" is a byte size, which only applies to tabular input_data (${TABULAR_INPUT_TYPES.join(', ')} of CSV or JSON Lines); input "${dataRef?.name}" is ${type}, so give a file count such as "10"`);
    }
  }

  if (job.task.append_row_to !== undefined) {
    const rowsRef = parseSingleRef(job.task.append_row_to);
    if (rowsRef === undefined || rowsRef.kind !== 'outputs') {
      problem(['task', 'append_row_to'], `expected a single reference to a declared output, like \${{outputs.scores}}, got ${JSON.stringify(job.task.append_row_to)}`);
    } else {
      const undeclared = undeclaredRefMessage(rowsRef, ports);
      if (undeclared) problem(['task', 'append_row_to'], undeclared);
    }
  }

  if (job.task.model?.includes('${{')) {
    const modelRef = parseSingleRef(job.task.model);
    const undeclared = modelRef && undeclaredRefMessage(modelRef, ports);
    if (modelRef === undefined) problem(['task', 'model'], `expected a model path or a single reference like \${{inputs.model}}, got ${JSON.stringify(job.task.model)}`);
    else if (undeclared) problem(['task', 'model'], undeclared);
  }
  return problems;
}
