"""Dispatch: models arrive with the dispatch module."""
