/**
 * Ingest: the one gateway through which connectors hand records to the hub; validation; the store of
 * raw and canonical records and events; quarantine; the ledger of feed runs. Every record received
 * ends as stored, duplicate or quarantined, and the counts of each run reconcile.
 */
package uk.safeguarding.hub.ingest;
