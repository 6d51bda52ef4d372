"""The MkDocs plugin is a thin adapter: its options are documented, typed and turned into
the core's one options object, and the core never imports MkDocs."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import yaml

from briefing.options import Options
from briefing.plugin import BriefingPlugin, option_table

ROOT = Path(__file__).resolve().parent.parent


def test_readme_documents_every_option() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    found = re.search(r"<!-- options:start -->\n(.*?)<!-- options:end -->", readme, re.S)
    assert found is not None
    assert found[1] == option_table(), (
        "run: python -c 'from briefing.plugin import option_table; print(option_table())'"
    )
    plugin = BriefingPlugin()
    assert plugin.load_config({}) == ([], [])
    for name in plugin.config:
        assert f"| `{name}` |" in found[1]


def test_the_project_loads_the_plugin_last() -> None:
    """Last, as hooks ran: the sanitiser sees every other plugin's HTML."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    block = text[text.index("\nplugins:") :]
    block = block[: re.search(r"\n\S", block[1:]).start() + 1]  # type: ignore[union-attr]
    plugins = yaml.safe_load(block)["plugins"]
    last = plugins[-1]
    assert (last if isinstance(last, str) else next(iter(last))) == "briefing"
    assert "hooks:" not in text


def test_the_plugin_options_become_the_core_options(tmp_path: Path) -> None:
    from mkdocs.config.defaults import MkDocsConfig

    plugin = BriefingPlugin()
    errors, _ = plugin.load_config(
        {"tiles": "https://t.example.org/{z}/{x}/{y}.png", "tiles_attribution": "© T"},
        str(tmp_path / "mkdocs.yml"),
    )
    assert errors == []
    config = MkDocsConfig(config_file_path=str(tmp_path / "mkdocs.yml"))
    config["site_url"] = "https://example.org/briefing/"
    config["use_directory_urls"] = False
    config["extra"] = {}
    assert plugin.options(config) == Options(
        site_url="https://example.org/briefing/",
        use_directory_urls=False,
        tiles="https://t.example.org/{z}/{x}/{y}.png",
        tiles_attribution="© T",
    )


def test_the_core_imports_no_mkdocs() -> None:
    code = (
        "import sys; from briefing import cache; from briefing import pipeline, cli, options;"
        "assert not [m for m in sys.modules if m.split('.')[0] == 'mkdocs'], 'mkdocs imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
