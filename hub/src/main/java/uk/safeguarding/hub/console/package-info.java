/**
 * Console: the web pages people use (static HTML, CSS and JavaScript modules under
 * {@code static/console/}, no build step). Every page reads and writes through the GraphQL API with a
 * declared purpose, as any other client does; this package only serves the pages.
 */
package uk.safeguarding.hub.console;
