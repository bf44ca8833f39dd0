"""The web layer every app shares: uploads, downloads, the tabular importer and exporter."""
