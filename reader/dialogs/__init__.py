"""Modal dialogs: help, note editing, export, import, confirmation."""
