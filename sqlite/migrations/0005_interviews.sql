-- Mock interviews. The plan of steps, with each answer and its feedback as
-- it arrives, is one JSON document: an interview is read and written
-- whole, under the user's lock.
CREATE TABLE interviews (
	id          INTEGER PRIMARY KEY,
	user_id     INTEGER NOT NULL REFERENCES users (id),
	role        TEXT NOT NULL,
	role_title  TEXT NOT NULL,
	length      INTEGER NOT NULL,
	areas       TEXT NOT NULL,
	strict      INTEGER NOT NULL,
	steps       TEXT NOT NULL,
	position    INTEGER NOT NULL,
	status      TEXT NOT NULL CHECK (status IN ('running', 'finished')),
	created_at  TEXT NOT NULL,
	updated_at  TEXT NOT NULL,
	finished_at TEXT
);
CREATE INDEX interviews_user ON interviews (user_id, id);
