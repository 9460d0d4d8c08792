"""The inbox: reading mail and calendar files, matching them to applications, classifying them.

Everything here is pure Python over the standard library's ``email`` and ``mailbox`` modules,
``icalendar`` and (for ``ingest --imap``) ``imapclient``: no Textual, no SQLite. The storage
module :mod:`postinterview_tui.storage.inbox` keeps what this package decides.
"""
