"""kg.serve.server."""
