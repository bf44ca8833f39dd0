"""The incidents pages, by area."""
