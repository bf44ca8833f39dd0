"""Case-work pages, by area: the front desk, case files, meetings, the subject-access export, statistics."""
