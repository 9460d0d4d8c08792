"""Sending notes by e-mail: building the message and handing it to a command or a server.

No Textual here: the command line and the app both use these modules.
"""
