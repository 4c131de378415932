"""The registry's language hooks: a stage declares the languages it handles, and an
extractor for another language can provide the same layer beside the English one."""

from __future__ import annotations

from collections.abc import Sequence

from storyline.model import Problem
from storyline.pipeline import Counters, GlobalStage
from storyline.stages import Registry
from storyline.store import Store


class _Global(GlobalStage):
    def update(
        self,
        store: Store,
        changed: Sequence[str],
        removed: Sequence[str],
        counters: Counters,
        problems: list[Problem],
    ) -> None:
        """Nothing: the registry only reads the class."""

    def reset(self, store: Store) -> None:
        """Nothing."""


def _stage(
    name: str, needs: set[str], provides: set[str], languages: set[str] | None = None
) -> type:
    attributes = {
        "name": name,
        "version": "1",
        "needs": frozenset(needs),
        "provides": frozenset(provides),
        "languages": frozenset(languages) if languages is not None else None,
    }
    return type(name.title().replace("_", ""), (_Global,), attributes)


def test_an_extractor_for_another_language_provides_the_same_layer() -> None:
    english = _stage("entities", {"raw"}, {"entities"}, {"en"})
    french = _stage("entities_fr", {"raw"}, {"entities"}, {"fr"})
    quotes = _stage("quotes", {"raw", "entities"}, {"quotes"}, {"en"})
    registry = Registry([english, french, quotes])
    assert registry.info["quotes"].inputs == ("entities", "entities_fr")
    assert registry.key("quotes") == "1;entities=1;entities_fr=1"
    assert registry.info["entities_fr"].languages == frozenset({"fr"})
    assert "| `entities_fr` | global | 1 | raw | entities | fr |" in registry.graph()


def test_a_later_provider_of_the_same_languages_replaces_the_earlier() -> None:
    old = _stage("old", {"raw"}, {"entities"}, {"en"})
    new = _stage("new", {"raw"}, {"entities"}, {"en", "fr"})
    every = _stage("every", {"raw"}, {"entities"})
    reader = _stage("reader", {"entities"}, {"x"})
    assert Registry([old, new, reader]).info["reader"].inputs == ("new",)
    assert Registry([old, every, reader]).info["reader"].inputs == ("every",)
