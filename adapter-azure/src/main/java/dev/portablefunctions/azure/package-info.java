/**
 * The Azure Functions adapter: entry points that run portable functions on Azure's common triggers.
 *
 * <ul>
 *   <li>{@link dev.portablefunctions.azure.AzureFunctions}: the methods the Java worker calls, one
 *       per trigger kind. Each finds the portable function by the Azure function's name, decodes
 *       the trigger into a portable value, runs it through the shared pipeline ({@code
 *       FunctionRunner}) and reports the result the host's way.
 * </ul>
 *
 * <p>The {@code function.json} and {@code host.json} files that point the host at those methods are
 * build-time work: the Portable Functions Maven plugin writes them (its {@code
 * dev.portablefunctions.maven.azure.AzureApp}, {@code AzureFunction}, {@code AzureTrigger} and
 * {@code RetryPolicy}). The two share only names: the entry methods, the bindings' names and the
 * app settings of {@link dev.portablefunctions.azure.AzureFunctions}.
 *
 * <p>The only Azure dependency is {@code azure-functions-java-library}. See "Deploy to Azure
 * Functions" in the README for the app layout, the settings and what a failure does on each
 * trigger.
 */
package dev.portablefunctions.azure;
