/**
 * The kit's implementation: the platform stand-ins (a Lambda {@code Context}, the Functions
 * Framework invoker's request and response; the Azure worker's are in azure-worker-fakes), the
 * bridge to the adapters' entry points, and the catalogue's files. Not API: any of it may change in
 * any release.
 */
package dev.portablefunctions.test.internal;
