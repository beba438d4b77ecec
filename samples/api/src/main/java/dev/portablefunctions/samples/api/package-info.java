/**
 * The API sample: a small REST resource, {@code /books}, in one HTTP function ({@link
 * dev.portablefunctions.samples.api.Books}) with what a real API back end needs: routing by method
 * and path, content negotiation (JSON or CSV), validation errors as {@code
 * application/problem+json}, CORS, ETags with {@code If-None-Match}, cursor pagination with a
 * {@code Link} header, and trace headers forwarded on an outbound call ({@link
 * dev.portablefunctions.samples.api.TracePropagation}), so that a service mesh and the clouds'
 * tracers keep one trace across the hop.
 */
package dev.portablefunctions.samples.api;
