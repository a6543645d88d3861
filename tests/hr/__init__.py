"""Tests of jobboard.hr, each run against SQLite and PostgreSQL."""
