"""Storage: the only code that speaks SQL. Everything the app keeps lives in one SQLite file."""
