/**
 * Users' histories ({@link dev.hydra.postgres.PostgresHistoryStore}) and heads
 * ({@link dev.hydra.postgres.PostgresHeadStore}) and the black box's cached answers
 * ({@link dev.hydra.postgres.PostgresResponseCache}) in PostgreSQL, so that several instances of a service share
 * their users: a pool per process ({@link dev.hydra.postgres.PostgresDatabase}), the schema migrated by Flyway.
 * Erasing a user vacuums what it deleted, so that no dead row of theirs remains in a table or an index.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.3.0")
package dev.hydra.postgres;
