"""The web layer every app shares: the current site, uploads, downloads, posted forms, periods, the tabular importer and exporter."""
