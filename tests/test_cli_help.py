"""Every command and option explains itself: `chat-archiver COMMAND --help` is the manual."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from archiver.cli import cli


def test_every_command_and_option_has_help() -> None:
    for name, command in cli.commands.items():
        assert command.help, name
        for param in command.params:
            if param.param_type_name == "option":
                assert param.help, f"{name} {param.name}"


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_help_prints_the_command_and_its_options(name: str) -> None:
    result = CliRunner().invoke(cli, [name, "--help"], prog_name="chat-archiver")
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"Usage: chat-archiver {name} ")
    for param in cli.commands[name].params:
        if param.param_type_name == "option":
            assert param.opts[-1] in result.output, f"{name} {param.opts[-1]}"
