/**
 * A snapshot is committed and reviewed, so it must hold no secret of the login that pulled it. A
 * server or proxy may echo the login into what it answers (a field's Label, a description, the
 * WSDL's documentation); rather than write it, redacted or not, the pull stops and names the field,
 * so that the user sees what the endpoint did. The secrets are looked for as the one redaction
 * (atws/protocol's Redactor) looks for them: every form, a word only where it stands as a credential.
 */
import { Redactor, type SecretSource } from 'atws/protocol';
import { CodegenError } from './codegen-error.js';

/**
 * Throws a CodegenError naming the first field of `value` (a snapshot file's content) that holds a
 * secret of the login, e.g. `entities[Ticket].fields[Status].label`.
 *
 * @example refuseSecrets(join(directory, ENTITIES_FILE), snapshot, { username, password, integrationCode });
 */
export function refuseSecrets(file: string, value: unknown, secrets: SecretSource): void {
  const redactor = Redactor.of(secrets);
  const field = fieldHoldingSecret(value, redactor, '');
  if (field === undefined) return;
  throw new CodegenError(
    file,
    `${field === '' ? 'the file' : field} holds a secret of the login that pulled it (the endpoint, or a proxy before it, ` +
      'echoed the password or the integration code into its answer); nothing was written. Check what the endpoint answers, then pull again',
  );
}

/** The path of the first string (value or key) holding a secret: array items by their `name` when they have one. */
function fieldHoldingSecret(value: unknown, redactor: Redactor, path: string): string | undefined {
  if (typeof value === 'string') return redactor.holdsSecret(value) ? path : undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      const name = typeof item === 'object' && item !== null ? (item as { name?: unknown }).name : undefined;
      const found = fieldHoldingSecret(item, redactor, `${path}[${typeof name === 'string' ? name : i}]`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      const at = path === '' ? key : `${path}.${key}`;
      if (redactor.holdsSecret(key)) return at;
      const found = fieldHoldingSecret(item, redactor, at);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}
