"""Case work: models arrive with the casework module."""
