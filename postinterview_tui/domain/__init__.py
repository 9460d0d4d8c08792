"""The pure domain: stages, records, etiquette rules, date parsing and note text.

Nothing in this package imports Textual, Rich or SQLite; time is always passed in.
"""
