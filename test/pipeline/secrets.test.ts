import { describe, expect, it } from 'vitest';
import { openSecrets, redactSecrets, sealSecrets } from '../../src/jobs/jobSecrets';
import { SecretBox, SecretKeyError } from '../../src/jobs/secretBox';
import { isSecretName } from '../../src/jobs/secretNames';
import { NonRetryableError, parseJob, ValidationError, type NormalizedJob } from '../../src/model';

const key = Buffer.alloc(32, 1).toString('base64');
const box = new SecretBox(key);

function job(variables: Record<string, string>, name = 'train-1'): NormalizedJob {
  return parseJob({ name, command: 'echo hi', environment: 'azureml:env:1', environment_variables: variables }, { random: Math.random });
}

describe('secret environment variables', () => {
  it('recognises secret names by their words, case-insensitively', () => {
    const secret = ['WANDB_API_KEY', 'HF_TOKEN', 'db_password', 'AZURE_STORAGE_CONNECTION_STRING', 'AWS_SECRET_ACCESS_KEY', 'APIKEY', 'GITHUB_PAT', 'MyAuthToken', 'SAS'];
    const plain = ['TOKENIZERS_PARALLELISM', 'EPOCHS', 'KEYBOARD_LAYOUT', 'PASSAGE_COUNT', 'LOG_LEVEL'];
    expect(secret.filter((name) => !isSecretName(name))).toEqual([]);
    expect(plain.filter(isSecretName)).toEqual([]);
  });

  it('seals secret values only, and opens them again for the compute', () => {
    const sealed = sealSecrets(job({ HF_TOKEN: 'hf_abc', EPOCHS: '3' }), box);
    expect(sealed.environment_variables?.['EPOCHS']).toBe('3');
    expect(sealed.environment_variables?.['HF_TOKEN']).toMatch(/^djsecret:v1:/);
    expect(JSON.stringify(sealed)).not.toContain('hf_abc');
    expect(openSecrets(sealed, box)).toEqual({ HF_TOKEN: 'hf_abc', EPOCHS: '3' });
  });

  it('seals the same submission to the same record, so resubmitting stays idempotent', () => {
    expect(sealSecrets(job({ HF_TOKEN: 'hf_abc' }), box)).toEqual(sealSecrets(job({ HF_TOKEN: 'hf_abc' }), box));
    expect(sealSecrets(job({ HF_TOKEN: 'hf_abc' }), box)).not.toEqual(sealSecrets(job({ HF_TOKEN: 'hf_abd' }), box));
  });

  it('will not open a sealed value moved to another job or variable, or with another key', () => {
    const sealed = box.seal('job-a', 'HF_TOKEN', 'secret');
    expect(() => box.open('job-b', 'HF_TOKEN', sealed)).toThrow(NonRetryableError);
    expect(() => box.open('job-a', 'OTHER_TOKEN', sealed)).toThrow(/OTHER_TOKEN cannot be decrypted/);
    expect(() => new SecretBox(Buffer.alloc(32, 2).toString('base64')).open('job-a', 'HF_TOKEN', sealed)).toThrow(/JOB_SECRETS_KEY changed/);
  });

  it('refuses a job with secrets when no key is configured, naming the variable but not its value', () => {
    const error = (() => {
      try {
        sealSecrets(job({ HF_TOKEN: 'hf_abc', EPOCHS: '3' }), undefined);
      } catch (err) {
        return err;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual([expect.objectContaining({ path: 'environment_variables.HF_TOKEN' })]);
    expect((error as ValidationError).message).toContain('JOB_SECRETS_KEY');
    expect((error as ValidationError).message).not.toContain('hf_abc');
    expect(sealSecrets(job({ EPOCHS: '3' }), undefined).environment_variables).toEqual({ EPOCHS: '3' });
  });

  it('shows sealed and secret-named values as ***', () => {
    const sealed = sealSecrets(job({ HF_TOKEN: 'hf_abc', EPOCHS: '3' }), box);
    expect(redactSecrets(sealed).environment_variables).toEqual({ HF_TOKEN: '***', EPOCHS: '3' });
  });

  it('says what a bad key should look like', () => {
    expect(() => new SecretBox('c2hvcnQ=')).toThrow(SecretKeyError);
    expect(() => new SecretBox('c2hvcnQ=')).toThrow('JOB_SECRETS_KEY must be 32 bytes in base64 (44 characters, e.g. from "openssl rand -base64 32"); it decodes to 5 bytes');
  });
});
