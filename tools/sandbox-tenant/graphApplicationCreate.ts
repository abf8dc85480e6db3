import { isAllowed } from './graphCaller';
import { MANAGE_APPS, parseRequiredResourceAccess } from './graphApplicationWrites';
import { applicationEntity } from './graphEntities';
import { bodyObject, GraphScope } from './graphObjects';
import { GRAPH_ERRORS, graphCreated, GraphResult } from './graphResult';

const AUDIENCES = ['AzureADMyOrg', 'AzureADMultipleOrgs'];
const KNOWN = ['displayName', 'signInAudience', 'requiredResourceAccess'];
const MAX_DISPLAY_NAME = 120;

/**
 * POST /applications {displayName, signInAudience?, requiredResourceAccess?}: registers a new app
 * in the caller's tenant (new object id and appId, no secret, no service principal). 201 with the
 * application object and a Location header, as Graph answers. Needs Application.ReadWrite.All
 * and, for a user, an application-managing role (403 otherwise). The sandbox accepts no other property.
 */
export function createApplication(s: GraphScope, body: unknown): GraphResult {
  const fields = bodyObject(body);
  if (!fields) return s.fail(GRAPH_ERRORS.invalidRequest('Empty Payload. JSON content expected.'));
  const unsupported = Object.keys(fields).find((k) => !KNOWN.includes(k));
  if (unsupported) {
    return s.fail(
      GRAPH_ERRORS.invalidRequest(
        `The sandbox tenant can only set ${KNOWN.join(', ')} on a new application, not '${unsupported}'.`,
      ),
    );
  }
  const { displayName, signInAudience = 'AzureADMyOrg', requiredResourceAccess = [] } = fields;
  if (displayName === undefined || displayName === null) {
    return s.fail(
      GRAPH_ERRORS.invalidRequest("A value is required for property 'displayName' of resource 'Application'."),
    );
  }
  if (typeof displayName !== 'string' || displayName.trim() === '' || displayName.length > MAX_DISPLAY_NAME) {
    return s.fail(GRAPH_ERRORS.invalidProperty('displayName', 'Application'));
  }
  if (typeof signInAudience !== 'string' || !AUDIENCES.includes(signInAudience)) {
    return s.fail(GRAPH_ERRORS.invalidProperty('signInAudience', 'Application'));
  }
  const access = parseRequiredResourceAccess(requiredResourceAccess);
  if (typeof access === 'string') return s.fail(GRAPH_ERRORS.invalidRequest(access));
  if (!isAllowed(s.caller, MANAGE_APPS)) return s.fail(GRAPH_ERRORS.forbidden());
  const app = s.ctx.directory.createApplication(s.tenant, {
    displayName,
    signInAudience,
    configured: access.graph,
    otherResourceAccess: access.others,
  });
  const created = graphCreated({
    '@odata.context': `${s.ctx.graphEndpoint}/v1.0/$metadata#applications/$entity`,
    ...applicationEntity(app),
  });
  const location = `${s.ctx.graphEndpoint}/v2/${s.tenant.tenantId}/directoryObjects/${app.registration.objectId}/Microsoft.DirectoryServices.Application`;
  return { ...created, headers: { ...created.headers, Location: location } };
}
