/**
 * The Declarative Services components of hydra-core: the plugin whiteboard and the configured pipeline. Never
 * exported; other bundles see their services only.
 */
package dev.hydra.core.osgi.internal;
