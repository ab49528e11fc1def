"""The evaluation the morning after a session and the three-month follow-up, with reminders."""

JOBS: list = []
