/**
 * Audit: the append-only, hash-chained log of every disclosure and decision. An entry is written in
 * the transaction of the read it records, so if the audit write fails nothing is disclosed.
 */
package uk.safeguarding.hub.audit;
