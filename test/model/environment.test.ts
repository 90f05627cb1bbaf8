import { describe, it, expect } from 'vitest';
import { parseEnvironmentRef } from '../../src/model/environment';

describe('parseEnvironmentRef', () => {
  it.each([
    ['azureml:AzureML-sklearn-1.0-ubuntu20.04-py38-cpu:33', { name: 'AzureML-sklearn-1.0-ubuntu20.04-py38-cpu', version: '33' }],
    ['azureml:AzureML-sklearn-1.0-ubuntu20.04-py38-cpu@latest', { name: 'AzureML-sklearn-1.0-ubuntu20.04-py38-cpu', label: 'latest' }],
    ['AzureML-sklearn-1.0-ubuntu20.04-py38-cpu:33', { name: 'AzureML-sklearn-1.0-ubuntu20.04-py38-cpu', version: '33' }],
    ['my-env@latest', { name: 'my-env', label: 'latest' }],
    ['azureml://registries/azureml/environments/sklearn-1.5/versions/3', { registry: 'azureml', name: 'sklearn-1.5', version: '3' }],
    ['azureml://registries/azureml/environments/sklearn-1.5/labels/latest', { registry: 'azureml', name: 'sklearn-1.5', label: 'latest' }],
  ])('reads %s', (reference, parsed) => {
    expect(parseEnvironmentRef(reference)).toEqual(parsed);
  });

  it.each([
    'azureml:AzureML-sklearn-1.0-ubuntu20.04-py38-cpu',
    'my-env',
    'my-env@stable',
    'azureml:',
    'my env:1',
    'azureml://registries/azureml/environments/sklearn-1.5',
    'mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu20.04',
  ])('rejects %s', (reference) => {
    expect(parseEnvironmentRef(reference)).toBeUndefined();
  });
});
