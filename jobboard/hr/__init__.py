"""HR: accounts, login, reindex from the web (in a background process), webhook and history."""
