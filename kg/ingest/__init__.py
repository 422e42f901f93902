"""kg.ingest.read."""
