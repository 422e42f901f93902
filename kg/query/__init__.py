"""kg.query.run."""
