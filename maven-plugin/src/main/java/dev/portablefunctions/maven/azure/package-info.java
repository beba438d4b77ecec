/**
 * The Azure Functions generator: immutable descriptions of an app of portable functions, from which
 * the files the Functions host reads and the app folder are written.
 *
 * <ul>
 *   <li>{@link dev.portablefunctions.maven.azure.AzureApp}: the app, its {@code host.json}, each
 *       function's {@code function.json}, the app settings the adapter needs, and the staged app
 *       folder (the application jar at the root, its runtime jars under {@code lib/}).
 *   <li>{@link dev.portablefunctions.maven.azure.AzureFunction}: one Azure function, named after
 *       the portable function it runs, optionally with a suffix.
 *   <li>{@link dev.portablefunctions.maven.azure.AzureTrigger}: its trigger, one of HTTP, Queue
 *       Storage, Service Bus, Event Hubs, Blob Storage, timer and Event Grid.
 *   <li>{@link dev.portablefunctions.maven.azure.RetryPolicy}: a function-level retry policy.
 * </ul>
 *
 * <p>Build-time only: the plugin's {@code package} goal uses it; the functions run with
 * adapter-azure, whose {@code dev.portablefunctions.azure.AzureFunctions} methods every {@code
 * function.json} names as its {@code entryPoint}. The two modules share no code, only names (the
 * entry methods, the bindings' names, the app settings), which the plugin's tests check against the
 * adapter.
 */
package dev.portablefunctions.maven.azure;
