"""The repository: its root, sheet files, config, git plumbing, the cache and the workspace of loaded sheets."""
