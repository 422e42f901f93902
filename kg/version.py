"""The version of kg, in a module of its own so that any part of kg can read it without importing the API."""

__version__ = "0.1.0"
