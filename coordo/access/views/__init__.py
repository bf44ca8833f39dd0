"""Access pages, by area: the session (dashboard, two-factor, password, audit), administration."""
