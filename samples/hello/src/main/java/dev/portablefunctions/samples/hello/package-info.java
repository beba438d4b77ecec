/** The hello sample: one function of each common shape, and the unit tests a user would write. */
package dev.portablefunctions.samples.hello;
