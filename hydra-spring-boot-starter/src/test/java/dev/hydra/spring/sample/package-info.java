/** A sample Spring Boot application whose scripted chat model the starter personalizes. */
package dev.hydra.spring.sample;
