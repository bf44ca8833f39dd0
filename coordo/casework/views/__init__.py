"""Case-work pages, by area: front desk, case files, meetings, subject-access export, statistics."""
