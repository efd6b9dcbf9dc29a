-- A column added with NOT NULL and a default: DSQL adds a column with its name and type only.
ALTER TABLE parcel ADD COLUMN origin text NOT NULL DEFAULT 'HTTP';
