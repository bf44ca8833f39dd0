"""The web layer every app shares: what a page or an export asks of a request."""
