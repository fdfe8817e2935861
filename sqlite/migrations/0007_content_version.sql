-- One row that every import changing content sets to a new random value,
-- so that app instances learn that content changed with one cheap query
-- instead of hashing the content hash of every role.
CREATE TABLE content_version (
	id      INTEGER PRIMARY KEY CHECK (id = 1),
	version TEXT NOT NULL
);
INSERT INTO content_version (id, version) VALUES (1, lower(hex(randomblob(16))));
