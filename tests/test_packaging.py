"""The environment has exactly the Whoosh we chose (see README, "Why whoosh3")."""

from importlib import metadata


def _providers(package: str) -> list[str]:
    return sorted({dist.metadata["Name"] for dist in metadata.distributions()
                   if package in (dist.read_text("top_level.txt") or "").split()
                   or any(str(f).startswith(f"{package}/") for f in dist.files or ())})


def test_exactly_one_distribution_provides_whoosh():
    providers = _providers("whoosh")
    assert providers == ["whoosh3"], (
        f"distributions providing the 'whoosh' package: {providers}; they overwrite each "
        "other's files — uninstall all but whoosh3")


def test_whoosh3_is_the_pinned_version():
    assert metadata.version("whoosh3") == "3.54.0"
