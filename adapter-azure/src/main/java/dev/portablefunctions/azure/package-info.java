/**
 * The Azure Functions adapter: entry points that run portable functions on Azure's common
 * triggers, and the generator of the {@code function.json} and {@code host.json} files the
 * Functions host reads.
 *
 * <ul>
 *   <li>{@link dev.portablefunctions.azure.AzureFunctions}: the methods the Java worker calls, one
 *       per trigger kind. Each finds the portable function by the Azure function's name, decodes
 *       the trigger into a portable value, runs it through the shared pipeline ({@code
 *       FunctionRunner}) and reports the result the host's way.
 *   <li>{@link dev.portablefunctions.azure.AzureApp}, {@link
 *       dev.portablefunctions.azure.AzureFunction}, {@link dev.portablefunctions.azure.AzureTrigger}
 *       and {@link dev.portablefunctions.azure.RetryPolicy}: immutable descriptions of an app, from
 *       which the JSON files and the app folder are written.
 * </ul>
 *
 * <p>The only Azure dependency is {@code azure-functions-java-library}. See "Deploy to Azure
 * Functions" in the README for the app layout, the settings and what a failure does on each
 * trigger.
 */
package dev.portablefunctions.azure;
