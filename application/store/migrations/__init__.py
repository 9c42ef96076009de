"""A package so that setuptools ships the migrations with application.store."""
