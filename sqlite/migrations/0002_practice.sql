-- Practice data of a user: saved attempts and autosaved drafts. Attempts
-- keep the question id without a foreign key so that they survive content
-- changes; the feedback result is stored as JSON as it was given.
CREATE TABLE attempts (
	id               INTEGER PRIMARY KEY,
	user_id          INTEGER NOT NULL REFERENCES users (id),
	question_id      TEXT NOT NULL,
	answer           TEXT NOT NULL,
	duration_seconds REAL NOT NULL DEFAULT 0,
	coverage         REAL NOT NULL,
	level            TEXT NOT NULL,
	result           TEXT NOT NULL,
	created_at       TEXT NOT NULL
);
CREATE INDEX attempts_user_question ON attempts (user_id, question_id, id);

CREATE TABLE drafts (
	user_id     INTEGER NOT NULL REFERENCES users (id),
	question_id TEXT NOT NULL,
	answer      TEXT NOT NULL,
	updated_at  TEXT NOT NULL,
	PRIMARY KEY (user_id, question_id)
);
