"""Idea pages, one module per part of the feature."""
