/**
 * The build-time function index processor, in a jar of its own so that no deployed artifact carries
 * it: portable-api depends on it (compile scope), which puts it on every user's compile classpath,
 * and the Maven plugin leaves it out of what it packages. It names portable-api's types by string
 * only and runs without portable-api on its own classpath.
 */
package dev.portablefunctions.processor;
