/**
 * Case work of the vulnerable-victims panel: referrals, the risk matrix, panel meetings and decisions,
 * case managers and actions. Subjects and their events are read only through the access module's
 * disclosures; every read and change of a case is audited.
 */
package uk.safeguarding.hub.casework;
