/**
 * The local adapter: run portable functions in-process in unit tests ({@link
 * dev.portablefunctions.local.LocalInvoker}, {@link
 * dev.portablefunctions.local.LocalFunctionsExtension}) and serve them over HTTP on a laptop or in
 * a container ({@link dev.portablefunctions.local.LocalServer}). Both go through the same decode,
 * dispatch and encode path, so what a unit test sees is what the server answers.
 *
 * <h2>The wire format of the local server</h2>
 *
 * <ul>
 *   <li><b>HTTP functions</b>: any method, any path under the function's root; the function sees
 *       the path below its root ({@code /echo-http/a/b} reaches it as {@code /a/b}; serving one
 *       function, {@code /a/b} reaches it as {@code /a/b}).
 *   <li><b>Typed functions</b>: {@code POST} of JSON; 200 with the output as JSON, 204 for null.
 *   <li><b>Message functions</b>: {@code POST} of {@code application/json}, either one message
 *       object or an array of them (a batch):
 *       <pre>
 *       {"id":"m1","data":"aGVsbG8=","attributes":{"k":"v"},"publishTime":"2024-05-01T00:00:00Z",
 * "deliveryAttempt":1,"orderingKey":"g1"}</pre>
 *       {@code data} is the body in base64; {@code text} may replace it with UTF-8 text; every
 *       other field is optional ({@code id} defaults to a fresh UUID). The answer lists the failed
 *       messages, {@code {"received":3,"failed":[{"id":"m2","status":500,"title":…,"detail":…}]}}:
 *       a batch is answered 200 however many failed (each message is handled in isolation, a
 *       failure also fails later messages with the same ordering key); a single message is answered
 *       200, or with the problem of its failure.
 *   <li><b>Event functions</b>: {@code POST} of a CloudEvent in binary mode ({@code ce-*} headers)
 *       or structured mode ({@code application/cloudevents+json}); storage and schedule functions
 *       also take their portable JSON directly: {@code
 *       {"bucket":"b","key":"k","change":"created","size":12,"etag":"…","contentType":"…","time":"…"}}
 *       and {@code {"time":"2024-05-01T00:00:00Z","name":"nightly"}}, which is also the data of a
 *       CloudEvent for them. 204 on success.
 * </ul>
 *
 * <p>Errors are {@code application/problem+json} with a title, a detail and the invocation id,
 * never a stack trace: 400 malformed JSON, base64 or CloudEvent, a number that does not fit, or a
 * header with a CR, LF or NUL byte; 404 unknown function or path; 405 wrong method; 413 body over
 * the limit; 415 wrong content type; 500 the function threw; 504 the function ran past the timeout.
 * A 400's detail says where the input broke (a JSON pointer such as {@code /2/data}, or a line and
 * column) and what was expected ({@link dev.portablefunctions.spi.MalformedInput}); no detail or
 * log line repeats a value, an unknown field's name, the {@code Content-Type} of a 415 or the path
 * of a 404.
 */
package dev.portablefunctions.local;
