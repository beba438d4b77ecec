/**
 * Hand-annotated Azure functions: the reference that adapter-azure's generated {@code
 * function.json} files are checked against. Not part of any release.
 */
package dev.portablefunctions.reference;
