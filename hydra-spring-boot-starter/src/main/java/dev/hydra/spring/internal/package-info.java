/** The starter's internals: the bean post-processor, the wrappers, the health indicator. Not an API. */
package dev.hydra.spring.internal;
