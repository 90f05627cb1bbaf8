import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkJobYaml } from '../../src/model/yaml';

const DIR = join(__dirname, '../fixtures/jobs/invalid');

/**
 * Each invalid job file and exactly what validation reports for it: [line, column, field path,
 * message]. Positions point at the unknown key, the wrong value, or — for a missing field — the
 * mapping that lacks it. The first line of every file is a comment saying what is wrong.
 */
const EXPECTED: [file: string, issues: [line: number, col: number, path: string, message: string][]][] = [
  ['bad-environment-reference.yml', [
    [5, 14, "environment", "\"azureml:AzureML-sklearn-1.0-ubuntu20.04-py38-cpu\" is not an environment reference; expected [azureml:]NAME:VERSION, [azureml:]NAME@latest, azureml://registries/REGISTRY/environments/NAME/versions/VERSION (or …/labels/latest), or an inline mapping with image and conda_file"]]],
  ['bad-environment-variable-name.yml', [
    [7, 3, "environment_variables.MY-VAR", "invalid name \"MY-VAR\": environment variable names start with a letter or \"_\" and contain only letters, digits and \"_\""]]],
  ['bad-input-mode.yml', [
    [9, 11, "inputs.data.mode", "must be one of: ro_mount, download, direct, eval_mount, eval_download (got \"ro-mount\") — did you mean \"ro_mount\"?"]]],
  ['bad-input-name.yml', [
    [6, 3, "inputs.training-data", "invalid name \"training-data\": input and output names start with a letter or \"_\" and contain only letters, digits and \"_\""]]],
  ['bad-input-type.yml', [
    [7, 11, "inputs.data.type", "must be one of: uri_file, uri_folder, mltable, mlflow_model, custom_model, string, integer, number, boolean (got \"uri_fiel\") — did you mean \"uri_file\"?"]]],
  ['bad-shm-size.yml', [
    [8, 13, "resources.shm_size", "expected a size like 512m or 2g (a number greater than 0, then b, k, m or g) (got \"16GB\")"]]],
  ['block-without-optional-input.yml', [
    [5, 10, "command", "optional block $[[--data ${{inputs.data}}]] uses no optional input, so it would always be kept; mark one of its inputs \"optional: true\" or remove the $[[ ]]"]]],
  ['data-input-without-path.yml', [
    [6, 3, "inputs.data.path", "a uri_folder input needs a \"path\" (or \"optional: true\")"]]],
  ['duplicate-key.yml', [
    [5, 1, "", "YAML syntax error: Map keys must be unique"]]],
  ['empty-file.yml', [
    [1, 1, "", "the file is empty; expected a job mapping with type: command or type: parallel"]]],
  ['inline-environment-image-and-build.yml', [
    [7, 3, "environment.build", "\"image\" and \"build\" are alternatives; give one of them"]]],
  ['missing-command.yml', [
    [2, 1, "command", "missing required field \"command\" (a string)"]]],
  ['missing-environment.yml', [
    [2, 1, "environment", "missing required field \"environment\"; expected an environment reference such as azureml:NAME:VERSION, or an inline mapping with image and conda_file"]]],
  ['mpi-without-process-count.yml', [
    [6, 1, "distribution.process_count_per_instance", "missing required field \"process_count_per_instance\" (a number)"]]],
  ['optional-input-outside-block.yml', [
    [5, 10, "command", "input \"validation_data\" is optional, so ${{inputs.validation_data}} must be inside an optional block: $[[ … ${{inputs.validation_data}} … ]]"]]],
  ['parallel-append-row-to-undeclared.yml', [
    [14, 18, "task.append_row_to", "${{outputs.prediction}} refers to output \"prediction\", which is not declared — did you mean \"predictions\"?"]]],
  ['parallel-bad-logging-level.yml', [
    [8, 16, "logging_level", "must be one of: DEBUG, INFO, WARNING, ERROR, CRITICAL (got \"VERBOSE\")"]]],
  ['parallel-bad-mini-batch-size.yml', [
    [8, 18, "mini_batch_size", "\"ten\" is not a mini-batch size; expected a file count such as 10 or \"10\", or a size such as \"100kb\", \"10mb\" or \"1gb\""]]],
  ['parallel-byte-size-for-model.yml', [
    [9, 18, "mini_batch_size", "\"100kb\" is a byte size, which only applies to tabular input_data (mltable, uri_file, uri_folder of CSV or JSON Lines); input \"images\" is custom_model, so give a file count such as \"10\""]]],
  ['parallel-entry-script-not-python.yml', [
    [10, 17, "task.entry_script", "the entry script is a Python (*.py), JavaScript (*.js, *.mjs, *.cjs) or TypeScript (*.ts, *.mts, *.cts) file defining init() and run(mini_batch) (got \"classify.sh\")"]]],
  ['parallel-error-threshold-below-minus-one.yml', [
    [8, 18, "error_threshold", "must be at least -1, got -2"]]],
  ['parallel-input-data-is-literal.yml', [
    [6, 13, "input_data", "${{inputs.images}} must refer to a data input (uri_folder, uri_file, mltable, …), but \"images\" is a literal value"]]],
  ['parallel-missing-task.yml', [
    [2, 1, "task", "missing required field \"task\" (a mapping)"]]],
  ['parallel-partition-keys.yml', [
    [9, 1, "partition_keys", "unknown field \"partition_keys\"; accepted fields: $schema, name, display_name, experiment_name, description, tags, properties, compute, identity, inputs, outputs, environment_variables, resources, type, input_data, mini_batch_size, max_concurrency_per_instance, error_threshold, mini_batch_error_threshold, retry_settings, logging_level, task"]]],
  ['parallel-retry-timeout-too-long.yml', [
    [10, 12, "retry_settings.timeout", "must be at most 259200, got 300000"]]],
  ['parallel-undeclared-input-data.yml', [
    [7, 13, "input_data", "${{inputs.image}} refers to input \"image\", which is not declared — did you mean \"images\"?"]]],
  ['parallel-unknown-task-field.yml', [
    [10, 3, "task.entry_scipt", "unknown field \"entry_scipt\" — did you mean \"entry_script\"?"]]],
  ['placeholder-in-backticks.yml', [
    [3, 10, "command", "${{inputs.notes}} cannot be quoted safely inside `…` command substitution; use $( … ) instead"]]],
  ['service-port-out-of-range.yml', [
    [9, 11, "services.my_custom.port", "must be at most 65535, got 70000"]]],
  ['tag-value-not-string.yml', [
    [7, 12, "tags.version", "expected a string, got 2; quote it to make it a string: \"2\""]]],
  ['two-documents.yml', [
    [4, 1, "", "expected one job per file, found a second YAML document"]]],
  ['undeclared-input-in-command.yml', [
    [4, 10, "command", "${{inputs.dta}} refers to input \"dta\", which is not declared — did you mean \"data\"?"]]],
  ['undeclared-output-in-command.yml', [
    [5, 10, "command", "${{outputs.model}} refers to output \"model\", which is not declared; the job declares no outputs"]]],
  ['unknown-distribution-type.yml', [
    [7, 9, "distribution.type", "unknown type \"horovod\"; expected one of: pytorch, tensorflow, mpi, ray"]]],
  ['unknown-input-field.yml', [
    [9, 5, "inputs.data.mod", "unknown field \"mod\" — did you mean \"mode\"?"]]],
  ['unknown-top-level-field.yml', [
    [3, 1, "comand", "unknown field \"comand\" — did you mean \"command\"?"]]],
  ['unsupported-expression.yml', [
    [5, 10, "command", "unsupported expression ${{search_space.learning_rate}}: only ${{inputs.<name>}} and ${{outputs.<name>}} are supported"]]],
  ['unsupported-job-type.yml', [
    [3, 7, "type", "unknown type \"sweep\"; expected one of: command, parallel"]]],
  ['unterminated-optional-block.yml', [
    [5, 10, "command", "optional block \"$[[--seed ${{inputs.seed}}\" is never closed with \"]]\""]]],
  ['yaml-syntax-error.yml', [
    [5, 1, "", "YAML syntax error: Missing closing \"quote"]]],
  ['zero-timeout.yml', [
    [7, 12, "limits.timeout", "must be at least 1, got 0"]]],

];

describe('invalid job files', () => {
  it('has an expectation for every file in the invalid fixtures folder, and at least twenty of them', () => {
    const files = readdirSync(DIR).filter((file) => file.endsWith('.yml')).sort();
    expect(EXPECTED.map(([file]) => file).sort()).toEqual(files);
    expect(files.length).toBeGreaterThanOrEqual(20);
  });

  it.each(EXPECTED)('%s is rejected with the field path, position and reason', (file, expected) => {
    const result = checkJobYaml(readFileSync(join(DIR, file), 'utf8'), `invalid/${file}`, { random: () => 0.5 });
    expect(result.ok).toBe(false);
    const issues = result.ok ? [] : result.issues;
    expect(issues.map((issue) => [issue.line, issue.col, issue.path, issue.message])).toEqual(expected);
    for (const issue of issues) expect(issue.file).toBe(`invalid/${file}`);
  });
});
