/**
 * Statistics for commissioners and evaluators under an aggregates-only agreement: counts of people,
 * never records, each table protected against small-cell disclosure by a stated method.
 */
package uk.safeguarding.hub.statistics;
