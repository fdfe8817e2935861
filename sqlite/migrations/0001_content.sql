-- Users: local mode has one user (id 1). Every table that holds a user's
-- data will reference users(id).
CREATE TABLE users (
	id         INTEGER PRIMARY KEY,
	name       TEXT NOT NULL,
	created_at TEXT NOT NULL
);
INSERT INTO users (id, name, created_at) VALUES (1, 'Local user', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));

-- Roles imported from packs. body holds the JSON of areas, tips and
-- ask_employer; content_hash lets an unchanged pack be skipped.
CREATE TABLE roles (
	id             INTEGER PRIMARY KEY,
	slug           TEXT NOT NULL UNIQUE,
	title          TEXT NOT NULL,
	sector         TEXT NOT NULL,
	sector_slug    TEXT NOT NULL,
	field          TEXT NOT NULL,
	field_slug     TEXT NOT NULL,
	summary        TEXT NOT NULL,
	overview       TEXT NOT NULL,
	body           TEXT NOT NULL,
	question_count INTEGER NOT NULL,
	scenario_count INTEGER NOT NULL,
	term_count     INTEGER NOT NULL,
	content_hash   TEXT NOT NULL,
	imported_at    TEXT NOT NULL
);
CREATE INDEX roles_catalog ON roles (sector_slug, field_slug, title);

-- Questions keep a stable text id (attempts and review cards will point at
-- it) and an integer seq that the full-text index uses as its rowid.
CREATE TABLE questions (
	seq      INTEGER PRIMARY KEY,
	id       TEXT NOT NULL UNIQUE,
	role_id  INTEGER NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
	position INTEGER NOT NULL,
	area     TEXT NOT NULL,
	type     TEXT NOT NULL CHECK (type IN ('background', 'behavioral', 'situational', 'technical', 'motivation', 'closing')),
	level    TEXT NOT NULL CHECK (level IN ('any', 'entry', 'experienced')),
	text     TEXT NOT NULL,
	body     TEXT NOT NULL,
	search_guidance TEXT NOT NULL,
	search_terms    TEXT NOT NULL
);
CREATE INDEX questions_role ON questions (role_id, position);

CREATE TABLE scenarios (
	id       TEXT PRIMARY KEY,
	role_id  INTEGER NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
	position INTEGER NOT NULL,
	title    TEXT NOT NULL,
	area     TEXT NOT NULL,
	body     TEXT NOT NULL
);
CREATE INDEX scenarios_role ON scenarios (role_id, position);

CREATE TABLE terms (
	role_id  INTEGER NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
	slug     TEXT NOT NULL,
	position INTEGER NOT NULL,
	term     TEXT NOT NULL,
	body     TEXT NOT NULL,
	PRIMARY KEY (role_id, slug)
);

-- Full-text index over questions: the question text, the guidance (why, how,
-- talking points) and the related terms with their definitions. It is an
-- external-content index over the questions table, kept in step by triggers.
CREATE VIRTUAL TABLE questions_fts USING fts5 (
	text, search_guidance, search_terms,
	content = 'questions', content_rowid = 'seq',
	tokenize = 'porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER questions_fts_insert AFTER INSERT ON questions BEGIN
	INSERT INTO questions_fts (rowid, text, search_guidance, search_terms)
	VALUES (new.seq, new.text, new.search_guidance, new.search_terms);
END;
CREATE TRIGGER questions_fts_delete AFTER DELETE ON questions BEGIN
	INSERT INTO questions_fts (questions_fts, rowid, text, search_guidance, search_terms)
	VALUES ('delete', old.seq, old.text, old.search_guidance, old.search_terms);
END;
CREATE TRIGGER questions_fts_update AFTER UPDATE ON questions BEGIN
	INSERT INTO questions_fts (questions_fts, rowid, text, search_guidance, search_terms)
	VALUES ('delete', old.seq, old.text, old.search_guidance, old.search_terms);
	INSERT INTO questions_fts (rowid, text, search_guidance, search_terms)
	VALUES (new.seq, new.text, new.search_guidance, new.search_terms);
END;
