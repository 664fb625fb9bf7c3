/**
 * The client's errors name its options (`integrationCode`); a command-line user set flags or
 * variables instead, so the CLI rewrites those names before it shows the message.
 */
import { UsageError } from '../protocol/errors.js';

const FLAG_OF_OPTION: { readonly [option: string]: string } = {
  username: '--username (or ATWS_USERNAME)',
  password: '--password (or ATWS_PASSWORD)',
  integrationCode: '--integration-code (or ATWS_INTEGRATION_CODE)',
  url: '--url (or ATWS_URL)',
  apiVersion: '--api-version',
  transport: '--transport',
};

/** A UsageError of `connect` with its option names replaced by the flags that set them. */
export function inFlagTerms(error: unknown): unknown {
  if (!(error instanceof UsageError)) return error;
  let message = error.message.replace(/^connect: /, 'atws query: ');
  for (const [option, flag] of Object.entries(FLAG_OF_OPTION)) message = message.replaceAll(`\`${option}\``, flag);
  message = message.replace("use apiVersion: '1.5'", 'use --api-version 1.5');
  return message === error.message ? error : new UsageError(message, { cause: error });
}
