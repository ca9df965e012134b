-- Users' histories and heads (hydra-postgres). Every table is keyed first by the user, so that each query of one
-- user reads that user's rows through the primary key's index, and so that a table can later be partitioned by
-- the user.

-- revisions come from one sequence, so that a revision never repeats, even for a user forgotten and added again
CREATE SEQUENCE hydra_revision;

CREATE TABLE hydra_user_revision (
    user_id  text   NOT NULL PRIMARY KEY,
    revision bigint NOT NULL
);

CREATE TABLE hydra_history_item (
    user_id     text    NOT NULL,
    item_id     text    NOT NULL,
    input       text    NOT NULL,
    output      text    NOT NULL,
    -- the instant exactly: PostgreSQL's timestamp keeps microseconds and a narrower range than Instant
    ts_seconds  bigint  NOT NULL,
    ts_nanos    integer NOT NULL,
    attr_names  text[]  NOT NULL,
    attr_values text[]  NOT NULL,
    -- the vector of the item's retrieval text by encoder encoder_id (float32, big-endian), or null
    encoder_id  text,
    vector      bytea,
    PRIMARY KEY (user_id, item_id)
);

CREATE TABLE hydra_head (
    user_id  text   NOT NULL,
    module   text   NOT NULL,
    kind     text   NOT NULL,
    -- the values as float32, big-endian
    head     bytea  NOT NULL,
    -- CRC32 of user, module, kind and values: a damaged row is refused, never served
    checksum bigint NOT NULL,
    PRIMARY KEY (user_id, module)
);

CREATE INDEX hydra_head_by_module ON hydra_head (module, user_id);
