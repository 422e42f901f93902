"""kg: a knowledge-graph builder for French news on online extremism and platform moderation."""

__version__ = "0.1.0"
