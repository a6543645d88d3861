"""The README is the manual: it fails here when a command or a setting is missing from it."""

import re
from pathlib import Path

import click

from jobboard import config
from jobboard.cli import cli

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def _commands(group: click.Group, prefix: str = "jobboard") -> list[str]:
    found = []
    for name, command in group.commands.items():
        path = f"{prefix} {name}"
        found.append(path)
        if isinstance(command, click.Group):
            found.extend(_commands(command, path))
    return found


def test_readme_starts_with_the_two_setup_commands():
    first_block = re.search(r"```(?:sh|bash)?\n(.*?)```", README, re.S).group(1)
    commands = [line.split("#")[0].strip() for line in first_block.splitlines()
                if line.strip() and not line.lstrip().startswith("#")]
    assert commands == ["./scripts/serve", "./scripts/test"]
    assert README.index("```") < README.index("##")  # before any other section


def test_every_command_is_documented():
    missing = [path for path in _commands(cli) if path not in README]
    assert not missing, f"README does not mention: {missing}"


def test_every_setting_is_documented():
    missing = [config.env_name(s) for s in config.SETTINGS if config.env_name(s) not in README]
    assert not missing, f"README does not mention: {missing}"


def test_ci_runs_the_readme_test_command():
    ci = (Path(__file__).resolve().parents[1] / ".ci" / "run").read_text()
    assert "./scripts/test" in ci
