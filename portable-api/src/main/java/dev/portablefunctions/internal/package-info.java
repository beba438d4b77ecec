/**
 * Implementation details of {@code portable-api}: not API, may change in any release. Holds the
 * build-time index processor and small shared helpers.
 */
package dev.portablefunctions.internal;
