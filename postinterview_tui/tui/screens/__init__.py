"""The app's screens: board, application details, forms, dialogs and help."""
