-- The black box's answers (PostgresResponseCache), shared by every instance: one row per sample, keyed by the
-- SHA-256 of the key's canonical text. Key text and answer are UTF-8 bytes (bytea: a prompt may hold a NUL
-- character, which text refuses). Keys carry no user id: erasing a user deletes the rows whose key text or answer
-- holds a text of their history.
CREATE TABLE hydra_llm_response (
    key_sha256 text   NOT NULL PRIMARY KEY,
    key_text   bytea  NOT NULL,
    answer     bytea  NOT NULL,
    -- CRC32 of the key text's length, the key text and the answer: a damaged row is deleted, never served
    checksum   bigint NOT NULL
);
