package uk.safeguarding.hub.access;

/** A subject's consent to one providing agency sharing their data for one purpose. */
public enum ConsentState { NOT_ASKED, GRANTED, REFUSED, WITHDRAWN }
