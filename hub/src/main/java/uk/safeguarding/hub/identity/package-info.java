/**
 * Identity: each agency's view of a person (person records), the resolved people (subjects) and the
 * links between them. Links are never destructive: a wrong one is rejected, not deleted.
 */
package uk.safeguarding.hub.identity;
