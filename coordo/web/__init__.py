"""The web layer every app shares: uploads, downloads, posted forms, periods, the tabular importer and exporter."""
