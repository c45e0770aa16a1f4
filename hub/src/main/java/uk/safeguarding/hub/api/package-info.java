/**
 * API: the GraphQL controllers. They turn requests into calls on the access module and its disclosed
 * views into responses; they never read a store themselves.
 */
package uk.safeguarding.hub.api;
