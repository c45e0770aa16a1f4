/**
 * Security: the hub is an OAuth2 resource server for the Keycloak realm; realm roles become
 * authorities and the agency and borough claims describe the caller. In local mode only, a development
 * issuer signs tokens of the same shape for the realm file's demo users.
 */
package uk.safeguarding.hub.security;
