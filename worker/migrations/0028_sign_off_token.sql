-- The sign-off that published a version: a random token written by the batch that moved it from
-- review to published, and checked by the statements of that batch that must not stand without it
-- (a correction's "已更正" line and the questions it answers). Two sign-offs of one version sent at
-- once by the same officer on the same day both see it published by them that day; only one of
-- them wrote its token. Null for the versions published before.
ALTER TABLE document_versions ADD COLUMN sign_off TEXT;
