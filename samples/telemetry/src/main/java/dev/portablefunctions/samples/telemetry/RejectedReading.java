package dev.portablefunctions.samples.telemetry;

import java.time.Instant;

/**
 * A record {@link IngestReadings} could not use, reported so that someone can fix its device rather
 * than retry it.
 *
 * @param messageId the stream's id of the record (sequence number, message id)
 * @param partitionKey the record's partition or ordering key, or null if it had none
 * @param reason what is wrong, without the record's content
 * @param bodyBase64 the record's body as received, in base64, for whoever looks into it
 * @param receivedAt when it was rejected
 */
public record RejectedReading(
    String messageId, String partitionKey, String reason, String bodyBase64, Instant receivedAt) {}
