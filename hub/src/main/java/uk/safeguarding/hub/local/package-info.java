/**
 * Local mode: the servers the hub would otherwise be pointed at, started in-process from real
 * binaries (PostgreSQL, Redis) and simulated partners (WireMock). Local mode only changes settings,
 * never code paths: the hub connects to these exactly as it would to real servers.
 */
package uk.safeguarding.hub.local;
