/**
 * JMH benchmarks. Each adapter's benchmark runs the same request through the adapter's entry point
 * and through a raw provider handler doing the same work, in the same run, so the difference is the
 * adapter's own cost.
 */
package dev.portablefunctions.benchmarks;
