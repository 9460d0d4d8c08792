"""The error a change the rules refuse raises: the domain's moves and edits raise it, the store
passes it on, the app and the command line say it.

In a module of its own so the screens that catch it (every write goes through one handler)
do not load the moves' planning code before anything is moved.
"""

from __future__ import annotations


class RuleRefusal(Exception):
    """A change the rules refuse; ``confirmable`` ones may go ahead when the user insists.

    ``message`` states the reason; ``question`` (confirmable ones) is what the app asks before
    going ahead ("Follow up anyway?"), kept apart so the CLI can say ``--force`` instead.
    """

    def __init__(self, message: str, *, confirmable: bool = False, question: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.confirmable = confirmable
        self.question = question
