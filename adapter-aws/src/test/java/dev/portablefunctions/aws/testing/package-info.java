/**
 * JDK-only test support for running the real AWS Lambda Java runtime interface client in a child
 * JVM: {@link dev.portablefunctions.aws.testing.FakeLambdaRuntimeApi}, a Lambda Runtime API server,
 * and {@link dev.portablefunctions.aws.testing.LambdaRuntimeProcess}, which starts and watches the
 * child.
 */
package dev.portablefunctions.aws.testing;
