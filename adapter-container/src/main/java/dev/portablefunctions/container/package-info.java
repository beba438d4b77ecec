/**
 * The container server: {@link dev.portablefunctions.container.ContainerServer}, the entry point of
 * a function's container image, on Jetty 12 (HTTP/1.1 and h2c). It serves the local server's wire
 * format through the local adapter's own decode, dispatch and encode path ({@link
 * dev.portablefunctions.local.server.LocalGateway}), and adds what production needs: a concurrency
 * limit with a bounded queue, header and body read timeouts, problem+json for every malformed
 * request, and a graceful stop on SIGTERM. Everything here but {@code ContainerServer} is internal.
 */
package dev.portablefunctions.container;
