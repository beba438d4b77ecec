/**
 * The Google Cloud Functions adapter (2nd gen, Cloud Run functions, on the Java Functions
 * Framework): two entry classes, chosen with {@code --entry-point} at deploy time, that run the
 * portable function {@code PORTABLE_FUNCTION} selects.
 *
 * <ul>
 *   <li>{@link dev.portablefunctions.gcp.GcpHttpFunction} ({@code --trigger-http}): HTTP and typed
 *       functions, and schedule functions behind a Cloud Scheduler HTTP target.
 *   <li>{@link dev.portablefunctions.gcp.GcpEventFunction} (event triggers): message functions on
 *       Pub/Sub, storage event functions on Cloud Storage, schedule functions behind a Cloud
 *       Scheduler Pub/Sub target, and CloudEvent functions on any Eventarc event.
 * </ul>
 *
 * <p>Both decode the framework's request or CloudEvent into portable values, run the function
 * through the shared {@link dev.portablefunctions.spi.FunctionRunner}, and log in Cloud Logging's
 * structured JSON on stdout (severity, trace, span, execution id). Everything else in this package
 * is package-private. {@code functions-framework-api} is a {@code provided} dependency: the invoker
 * that runs the function supplies it, so a deployment ships the function, this jar, {@code
 * portable-api}, Jackson and CloudEvents.
 */
package dev.portablefunctions.gcp;
