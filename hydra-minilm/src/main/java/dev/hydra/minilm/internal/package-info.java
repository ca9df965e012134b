/**
 * The MiniLM encoder component. Never exported; other bundles see its {@code TextEncoder} service only.
 */
package dev.hydra.minilm.internal;
