"""The app's screens: library, reader, search, bookmarks."""
