/**
 * The telemetry sample: IoT temperature readings processed as a stream.
 *
 * <ul>
 *   <li>{@link dev.portablefunctions.samples.telemetry.IngestReadings} takes each reading of a
 *       Kinesis, Event Hubs or Pub/Sub batch, reports and drops malformed ones, adds the rest to
 *       their device's minute, and raises an {@link dev.portablefunctions.samples.telemetry.Alert}
 *       the first time a minute runs too hot;
 *   <li>{@link dev.portablefunctions.samples.telemetry.HourlyRollup}, on a schedule, sums each
 *       device's minutes of the past hour into an {@link
 *       dev.portablefunctions.samples.telemetry.HourlySummary}.
 * </ul>
 *
 * <p>State and messaging go through {@link
 * dev.portablefunctions.samples.telemetry.MinuteAggregates}, {@link
 * dev.portablefunctions.samples.telemetry.HourlySummaries} and {@link
 * dev.portablefunctions.samples.telemetry.Publisher}, gathered in {@link
 * dev.portablefunctions.samples.telemetry.Telemetry}: the functions' no-argument constructors (the
 * ones the adapters call) take {@link
 * dev.portablefunctions.samples.telemetry.Telemetry#defaults()}, and tests pass fresh in-memory
 * ones.
 */
package dev.portablefunctions.samples.telemetry;
