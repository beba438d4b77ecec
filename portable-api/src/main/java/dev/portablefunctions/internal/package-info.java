/**
 * Implementation details of {@code portable-api}: not API, may change in any release. Small shared
 * helpers (the build-time index processor lives in {@code portable-api-processor}).
 */
package dev.portablefunctions.internal;
