/**
 * Deliberately broken implementations, each run against its kit through the JUnit Platform
 * {@code EngineTestKit}: a kit that cannot fail is caught here. The broken kits are static nested classes
 * named {@code *TestCase} and marked {@link dev.hydra.testkit.broken.SelfTestOnly}, so Surefire never runs
 * them as ordinary tests.
 */
package dev.hydra.testkit.broken;
