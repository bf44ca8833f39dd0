"""Partners: models arrive with the partners module."""
