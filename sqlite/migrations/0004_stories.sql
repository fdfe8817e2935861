-- The candidate's STAR stories, written once and reused across questions.
-- areas and questions hold JSON arrays of area and question ids of the role.
CREATE TABLE stories (
	id         INTEGER PRIMARY KEY,
	user_id    INTEGER NOT NULL REFERENCES users (id),
	role       TEXT NOT NULL,
	title      TEXT NOT NULL,
	situation  TEXT NOT NULL,
	task       TEXT NOT NULL,
	action     TEXT NOT NULL,
	result     TEXT NOT NULL,
	numbers    TEXT NOT NULL,
	areas      TEXT NOT NULL,
	questions  TEXT NOT NULL,
	updated_at TEXT NOT NULL
);
CREATE INDEX stories_user_role ON stories (user_id, role, id);
