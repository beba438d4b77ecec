/**
 * The echo functions: each shows what a function receives on the cloud that runs it. Every adapter
 * serves them, and the adapters' integration tests check them, so they are also the portability
 * contract in executable form.
 */
package dev.portablefunctions.samples.echo;
