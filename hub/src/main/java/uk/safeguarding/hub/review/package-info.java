/**
 * Review: analysts in the loop of identity resolution. Lists the pairs the matcher was unsure of with
 * each field's part in the score (or, in blind mode, without the score), the two records disclosed
 * through the access module like any personal data, and carries out and audits confirm, reject and
 * split. Which records are one person is the identity module's; who may decide, and what they may see,
 * is decided here and in access.
 */
package uk.safeguarding.hub.review;
