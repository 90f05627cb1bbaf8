/**
 * Which `environment_variables` hold secrets, by name: a name is secret when one of its
 * `_`-separated words is a secret word (`WANDB_API_KEY`, `HF_TOKEN`, `DB_PASSWORD`,
 * `AZURE_STORAGE_CONNECTION_STRING`, `AWS_SECRET_ACCESS_KEY`), or when a word ends with one of
 * the common ones (`APIKEY`, `AUTHTOKEN`, `DBPASSWORD`). Case does not matter. A false positive
 * costs nothing but a hidden value; `TOKENIZERS_PARALLELISM` is not secret.
 */

const SECRET_WORDS = new Set([
  'KEY', 'KEYS', 'SECRET', 'SECRETS', 'TOKEN', 'TOKENS', 'PASSWORD', 'PASSWD', 'PASS', 'PWD', 'PASSPHRASE',
  'CONNECTION', 'CONNSTR', 'CREDENTIAL', 'CREDENTIALS', 'CREDS', 'SAS', 'PAT', 'PRIVATE', 'AUTH', 'COOKIE', 'SIGNATURE',
]);
const SECRET_ENDINGS = ['KEY', 'SECRET', 'TOKEN', 'PASSWORD', 'PASSWD'];

/** The word that makes `name` secret, or undefined when it is not. */
export function secretWordIn(name: string): string | undefined {
  for (const word of name.toUpperCase().split('_')) {
    if (SECRET_WORDS.has(word)) return word;
    const ending = SECRET_ENDINGS.find((end) => word.length > end.length && word.endsWith(end));
    if (ending !== undefined) return ending;
  }
  return undefined;
}

export function isSecretName(name: string): boolean {
  return secretWordIn(name) !== undefined;
}

/** What secret values are shown as wherever a record, a rejection or a poison message shows them. */
export const REDACTED = '***';
