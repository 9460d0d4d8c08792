"""The user's files: backups and restores, verified copies, exports and imports."""
