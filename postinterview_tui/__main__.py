"""Run the command line with ``python -m postinterview_tui``."""

from postinterview_tui.entry import main

if __name__ == "__main__":
    main()
