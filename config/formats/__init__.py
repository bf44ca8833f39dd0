"""Per-language date formats that replace Django's where they are not day-first, 24-hour."""
