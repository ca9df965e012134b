/**
 * Hydra's Karaf features (hydra-karaf-features) installed in a real Apache Karaf: {@link KarafFeaturesTest}, the
 * Karaf child process it drives through Karaf's own ssh client ({@link KarafProcess}), and the probe bundle it
 * installs to make a personalized call ({@link ProbeBundle}).
 *
 * <p>Not an API: test code only.
 *
 * @since 0.1
 */
package dev.hydra.it.karaf;
