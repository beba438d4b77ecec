/**
 * The AWS Lambda adapter: one entry point, {@link dev.portablefunctions.aws.LambdaHandler} ({@code
 * dev.portablefunctions.aws.LambdaHandler::handleRequest}), that runs any portable function on
 * Lambda's managed Java runtimes ({@code java17}, {@code java21}) or any runtime built on the AWS
 * Lambda Java runtime interface client.
 *
 * <p>The handler is a {@code RequestStreamHandler}: Lambda hands it the raw event bytes and no AWS
 * serializer runs. It reads each event once into a Jackson tree with the library's shared {@code
 * ObjectMapper}, recognises the envelope by the fields AWS documents as distinguishing it, decodes
 * it into the portable value the function's kind takes, runs the function through the shared
 * pipeline ({@link dev.portablefunctions.spi.FunctionRunner}), and writes what the trigger expects
 * back. No AWS event type ({@code aws-lambda-java-events}) is used or needed. Input that cannot be
 * decoded is a bad input whose detail and log line say where it broke, never quote it.
 *
 * <p>Everything but {@code LambdaHandler} is package-private. Deployment (handler string, {@code
 * PORTABLE_FUNCTION}, packaging, trigger settings such as {@code ReportBatchItemFailures}) is
 * described in the section "Deploy to AWS Lambda" of the project's {@code README.md}.
 */
package dev.portablefunctions.aws;
