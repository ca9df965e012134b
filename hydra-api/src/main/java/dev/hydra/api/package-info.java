/**
 * The data model of Hydra: immutable, validated records that travel between the extension points.
 *
 * <p>Every record validates its components in its constructor and rejects {@code null}: nothing in
 * this package is ever {@code null}. A value that breaks a rule fails with an
 * {@link java.lang.IllegalArgumentException} whose message quotes the rule and the offending value,
 * so that the caller can fix the input.
 *
 * @since 0.1
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package dev.hydra.api;
