/**
 * Statistical disclosure control for frequency tables (ESSnet handbook): the protected tables that the
 * statistics module publishes, and that the API renders.
 */
@NamedInterface("disclosure")
package uk.safeguarding.hub.statistics.disclosure;

import org.springframework.modulith.NamedInterface;
