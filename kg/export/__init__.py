"""kg.export.export."""
