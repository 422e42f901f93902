"""kg.render.render."""
