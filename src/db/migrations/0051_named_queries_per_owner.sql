-- Named queries belong to their creator, and so do their names: two enterprises may both name a
-- query "daily-receipts", and creating one never reveals that another principal used the name.
ALTER TABLE named_queries DROP CONSTRAINT named_queries_pkey;
ALTER TABLE named_queries ADD PRIMARY KEY (owner, name);
