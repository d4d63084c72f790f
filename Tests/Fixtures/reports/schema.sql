-- A small stand-in for the store schema, used by the report machinery tests.
CREATE TABLE requests (
    received_at INTEGER NOT NULL,  -- microseconds since the epoch
    username TEXT NOT NULL,
    verb TEXT NOT NULL,
    code INTEGER
);
INSERT INTO requests VALUES
    (1700000000000000, 'alice', 'get', 200),
    (1700000060000000, 'alice', 'delete', 403),
    (1700003600000000, 'bob', 'list', 403),
    (1700086400000000, 'carol', 'get', 403),
    (1700090000000000, 'bob', 'create', NULL);
