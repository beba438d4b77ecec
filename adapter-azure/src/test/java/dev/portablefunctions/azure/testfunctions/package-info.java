/**
 * Portable functions that only the adapter's tests use: recorders that keep what they receive, and
 * functions that fail on purpose. Found through the build-time index, like the echo sample's.
 */
package dev.portablefunctions.azure.testfunctions;
