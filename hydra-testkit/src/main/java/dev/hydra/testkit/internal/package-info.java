/** OSGi components of the testkit: test doubles as services, for tests that run inside a framework. */
package dev.hydra.testkit.internal;
