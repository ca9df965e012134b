/**
 * Internals of {@code hydra-heads}: the DJL training loop, the pure-Java inference path, the binary file
 * formats and the head cache. Never exported; nothing outside this bundle may depend on it.
 */
package dev.hydra.heads.internal;
