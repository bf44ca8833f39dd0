"""Planning: models arrive with the planning module."""
