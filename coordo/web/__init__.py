"""The web layer every app shares: uploads, downloads, posted forms, the tabular importer and exporter."""
