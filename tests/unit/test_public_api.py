from __future__ import annotations

import re

import storyline
from conftest import REPO
from storyline.config import SETTINGS


def test_exported_members_exist() -> None:
    for name in storyline.__all__:
        assert hasattr(storyline, name), name
    assert sorted(storyline.__all__) == storyline.__all__


def test_every_setting_is_documented_in_the_readme() -> None:
    readme = (REPO / "README.md").read_text()
    for setting in SETTINGS:
        assert re.search(rf"`{setting.name}`", readme), f"README does not document {setting.name}"
