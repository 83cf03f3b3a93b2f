-- The archive's schema, as its migrations build it (briefing/archive/store.py runs them in order
-- and records the version in PRAGMA user_version). Never edit a migration that has shipped: add one.

-- migration 1: sources by content hash, their files, cached extractions, figures, briefs
CREATE TABLE runs (
  id INTEGER PRIMARY KEY,
  started_at TEXT NOT NULL,            -- UTC, ISO 8601
  extractor TEXT NOT NULL              -- the extractor version the run used
);
CREATE TABLE sources (
  id INTEGER PRIMARY KEY,
  hash TEXT NOT NULL UNIQUE,           -- SHA-256 of the file's bytes: a source is recorded once
  name TEXT NOT NULL,                  -- file name when first seen: the source's name in briefs
  path TEXT NOT NULL,
  size INTEGER NOT NULL,
  first_seen TEXT NOT NULL,            -- UTC, ISO 8601
  first_run INTEGER NOT NULL REFERENCES runs(id),
  previous INTEGER REFERENCES sources(id),  -- the version this one replaced at the same path
  published TEXT,                      -- publication date the text gives (ISO), else NULL
  lang TEXT,                           -- en | zh, once extracted
  title TEXT,
  extractor TEXT                       -- version of the extraction the figures rows come from
);
CREATE INDEX sources_first_run ON sources(first_run);
CREATE TABLE files (
  path TEXT PRIMARY KEY,               -- where a source was found; kept when the file is deleted
  source INTEGER NOT NULL REFERENCES sources(id),
  size INTEGER NOT NULL,
  mtime_ns INTEGER NOT NULL            -- with size: the file is unchanged, no need to hash it again
);
CREATE TABLE extractions (
  source INTEGER NOT NULL REFERENCES sources(id),
  extractor TEXT NOT NULL,
  extracted_at TEXT NOT NULL,
  document TEXT,                       -- the Document as JSON, field for field as in models.py
                                       -- (clean.source.text, clean.text, figures, lists…); NULL when skipped
  skipped TEXT,                        -- why it was skipped
  PRIMARY KEY (source, extractor)
);
CREATE TABLE figures (
  source INTEGER NOT NULL REFERENCES sources(id),
  idx INTEGER NOT NULL,                -- position in the Document's figures
  value REAL NOT NULL,
  value_max REAL,
  unit TEXT NOT NULL,
  basis TEXT NOT NULL,
  period TEXT,                         -- as written
  label TEXT NOT NULL,                 -- as written, in the source's language
  lang TEXT NOT NULL,
  text TEXT NOT NULL,                  -- the figure as written
  indicator TEXT NOT NULL,             -- normalised label|unit|basis ('' when unlabelled)
  period_key TEXT NOT NULL,            -- YEAR:MONTHS ('' when no period)
  PRIMARY KEY (source, idx)
);
CREATE INDEX figures_indicator ON figures(indicator);
CREATE TABLE briefs (
  date TEXT PRIMARY KEY,               -- the brief's date
  run INTEGER NOT NULL REFERENCES runs(id),  -- the run that first built it: its window's end
  built_at TEXT NOT NULL,
  sources INTEGER NOT NULL             -- how many sources its window held
);

-- migration 2: pairs reaching into the archive, history by either label, derived-data version
ALTER TABLE figures ADD COLUMN label_en TEXT;   -- the label in English (as written or glossary)
ALTER TABLE figures ADD COLUMN label_zh TEXT;   -- the label in Chinese (as written or glossary)
CREATE TABLE pairs (
  en INTEGER NOT NULL REFERENCES sources(id),
  zh INTEGER NOT NULL REFERENCES sources(id),
  confidence REAL NOT NULL,
  run INTEGER NOT NULL REFERENCES runs(id),      -- the run of the brief that paired them
  PRIMARY KEY (en, zh)
);
CREATE INDEX pairs_zh ON pairs(zh);
CREATE TABLE signatures (
  source INTEGER PRIMARY KEY REFERENCES sources(id),
  signature TEXT NOT NULL              -- JSON: numbers, figure values, list count (for pairing)
);
CREATE TABLE tokens (                  -- index of the signatures' numbers, to find translations
  token TEXT NOT NULL,
  source INTEGER NOT NULL REFERENCES sources(id),
  PRIMARY KEY (token, source)
) WITHOUT ROWID;
CREATE INDEX tokens_source ON tokens(source);
CREATE TABLE meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
