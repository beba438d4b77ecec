/**
 * Functions that exist only for the adapter's tests: ones that throw, one whose constructor throws,
 * and one that reports its context. The index processor indexes them like any function, so the
 * integration tests select them with {@code PORTABLE_FUNCTION}.
 */
package dev.portablefunctions.aws.testfunctions;
