/**
 * Small, correct reference implementations of every extension point, and the {@code *CompatibilityTest}
 * classes that run the kits against them: the kits must pass on correct code.
 */
package dev.hydra.testkit.reference;
