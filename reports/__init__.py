"""Statistics the authority must publish, counted from the register's cases evaluated by `rules/`."""
