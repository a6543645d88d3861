"""The throwaway PostgreSQL server of the tests (it lives in the package for scripts/cluster)."""

from jobboard.cluster.throwaway import PostgresError, Server, free_port

__all__ = ["PostgresError", "Server", "free_port"]
