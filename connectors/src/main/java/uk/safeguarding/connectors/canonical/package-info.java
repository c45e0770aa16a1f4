/**
 * The canonical model every partner feed is mapped to, and the two doors through which connectors
 * hand records to the hub. Connectors speak Camel; the hub implements these interfaces with Spring
 * Integration, so neither side knows the other's framework.
 */
package uk.safeguarding.connectors.canonical;
