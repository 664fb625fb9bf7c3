/**
 * Who calls the REST API: the headers `UserName`, `Secret` (the password), `ApiIntegrationCode`
 * (the tracking identifier) and optionally `ImpersonationResourceId` (the swagger declares them on
 * every operation; "REST API security and authentication"). Header names are case-insensitive, as
 * HTTP's are (production clients send `ApiIntegrationcode`, `Username`: apigrate, n8n-nodes-autotask).
 *
 * Refusals as production gives them: a wrong secret is HTTP 401 (the security page: failed
 * authentication "will result in the return of a 401 error"); an unknown user name is 500
 * `Zone information could not be determined` and a bad integration code 500 `IntegrationCode is
 * invalid.` (apigrate/autotask-restapi README "Error Handling" and issue #19). A missing code is
 * answered as a bad one (not documented: our choice). The 401 body is not documented either: ours
 * is `{"errors": [...]}` like every other refusal.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { HttpAnswer } from '../http/front.js';
import type { AuthenticationRefusal, CallerIdentity, Credentials } from '../tenant/authentication.js';
import type { Tenant } from '../tenant/tenant.js';
import { errorAnswer } from './rest-answer.js';

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  // Node lower-cases header names; a repeated header arrives joined or as an array: take the first.
  const value = headers[name.toLowerCase()];
  return (Array.isArray(value) ? value[0] : value)?.trim();
}

export function restCredentials(headers: IncomingHttpHeaders): Credentials | undefined {
  const username = header(headers, 'UserName');
  const password = header(headers, 'Secret');
  return username === undefined || password === undefined ? undefined : { username, password };
}

export function restIdentity(headers: IncomingHttpHeaders): CallerIdentity {
  return {
    credentials: restCredentials(headers),
    integrationCode: header(headers, 'ApiIntegrationCode'),
    integrationCodeRequired: true,
    impersonateAs: header(headers, 'ImpersonationResourceId'),
  };
}

export const UNAUTHORIZED: HttpAnswer = errorAnswer(
  'Authentication failed: the UserName and Secret headers do not name an API user of this tenant.',
  401,
);

/** REST's answer to a refused caller (never quoting a secret). */
export function refusalAnswer(tenant: Tenant, headers: IncomingHttpHeaders, refusal: AuthenticationRefusal): HttpAnswer {
  switch (refusal.refused) {
    case 'credentials': {
      const user = header(headers, 'UserName');
      return user !== undefined && user !== '' && !tenant.isApiUser(user) ? errorAnswer('Zone information could not be determined') : UNAUTHORIZED;
    }
    case 'integration-code-missing':
    case 'integration-code-unknown':
      return errorAnswer('IntegrationCode is invalid.');
    case 'impersonation':
      // Denied impersonation comes back as a permission error (msoukhomlinov/n8n-nodes-autotask retries without the header on this text).
      return errorAnswer(
        `The logged in Resource does not have the adequate permissions to impersonate resource ${refusal.resource}: it is not an active resource of this tenant.`,
      );
  }
}
