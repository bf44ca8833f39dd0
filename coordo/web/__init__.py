"""The web layer every app shares: uploads and attachments, posted forms, tabular files, periods."""
