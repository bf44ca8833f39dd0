"""The operations pages: the health probe, the data-protection pages."""
