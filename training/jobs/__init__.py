"""Training's scheduled email jobs, each `job(*, today, dry_run) -> list[Sent]`."""
