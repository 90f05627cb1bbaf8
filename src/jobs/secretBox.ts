import { createCipheriv, createDecipheriv, createHmac } from 'node:crypto';
import { NonRetryableError } from '../model';

/**
 * Encryption of secret environment variable values at rest (AES-256-GCM), with the key from the
 * app setting JOB_SECRETS_KEY. Sealing is deterministic — the IV is derived from the key, the job,
 * the variable and the value — so the same submission seals to the same record and stays
 * idempotent, while any other value gives another ciphertext. The job and variable names are
 * authenticated too: a sealed value moved to another job or variable does not open.
 */

export const SEALED_PREFIX = 'djsecret:v1:';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class SecretKeyError extends Error {
  override readonly name = 'SecretKeyError';
}

export class SecretBox {
  private readonly key: Buffer;

  /** `base64Key`: 32 bytes in base64, e.g. from `openssl rand -base64 32`. */
  constructor(base64Key: string, setting = 'JOB_SECRETS_KEY') {
    const key = Buffer.from(base64Key.trim(), 'base64');
    if (key.length !== KEY_BYTES) {
      throw new SecretKeyError(`${setting} must be ${KEY_BYTES} bytes in base64 (44 characters, e.g. from "openssl rand -base64 32"); it decodes to ${key.length} bytes`);
    }
    this.key = key;
  }

  static isSealed(value: string): boolean {
    return value.startsWith(SEALED_PREFIX);
  }

  seal(job: string, variable: string, value: string): string {
    const aad = Buffer.from(`${job}\0${variable}`);
    const iv = createHmac('sha256', this.key).update(aad).update('\0').update(value).digest().subarray(0, IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv).setAAD(aad);
    const sealed = Buffer.concat([iv, cipher.update(value, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return SEALED_PREFIX + sealed.toString('base64url');
  }

  /** NonRetryableError when the value was sealed with another key or for another job or variable. */
  open(job: string, variable: string, sealed: string): string {
    const data = Buffer.from(sealed.slice(SEALED_PREFIX.length), 'base64url');
    try {
      if (!SecretBox.isSealed(sealed) || data.length < IV_BYTES + TAG_BYTES) throw new Error('not a sealed value');
      const decipher = createDecipheriv('aes-256-gcm', this.key, data.subarray(0, IV_BYTES)).setAAD(Buffer.from(`${job}\0${variable}`));
      decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
      return Buffer.concat([decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch (err) {
      throw new NonRetryableError(
        `job ${job}: environment variable ${variable} cannot be decrypted (was JOB_SECRETS_KEY changed since the job was submitted?)`,
        { cause: err },
      );
    }
  }
}
