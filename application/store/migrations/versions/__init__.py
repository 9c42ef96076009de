"""A package so that setuptools ships the migration scripts."""
