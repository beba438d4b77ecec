/**
 * The transport SPI of the local wire format: {@link
 * dev.portablefunctions.local.server.LocalGateway} is the one decode, dispatch and encode path of
 * the local server, for another HTTP server to put in front of it (the container server of {@code
 * adapter-container}, on Jetty). It is not user API: functions and their tests use {@code
 * portable-api} and {@link dev.portablefunctions.local.LocalInvoker}; it may change with the
 * container server from one release to the next.
 */
package dev.portablefunctions.local.server;
