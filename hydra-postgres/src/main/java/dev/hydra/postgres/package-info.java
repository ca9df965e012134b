/**
 * Users' histories ({@link dev.hydra.postgres.PostgresHistoryStore}) and heads
 * ({@link dev.hydra.postgres.PostgresHeadStore}) in PostgreSQL, so that several instances of a service share
 * their users: a pool per process ({@link dev.hydra.postgres.PostgresDatabase}), the schema migrated by Flyway.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package dev.hydra.postgres;
