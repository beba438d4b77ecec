/**
 * The tests' reading of what the adapter logged through the Azure worker fakes ({@code
 * dev.portablefunctions.azure.fakes}), and the recorded payloads.
 */
package dev.portablefunctions.azure.testing;
