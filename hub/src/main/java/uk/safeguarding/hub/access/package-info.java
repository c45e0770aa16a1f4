/**
 * Access: the one choke point through which personal data leaves the hub. For a caller, a declared
 * purpose and each field of each record it decides release or withhold-with-reason, and writes the
 * disclosure to the audit log in the same transaction. The API can only return what this module
 * returns: disclosed views, never stored records.
 */
package uk.safeguarding.hub.access;
