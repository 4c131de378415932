"""Features see the document: how a word is written elsewhere, its neighbours, a first pass."""

from __future__ import annotations

from storyline.entities.features import FeatureExtractor
from storyline.entities.lexicon import Gazetteer

DOC = [
    ["JAPAN", "BEAT", "OMAN"],
    ["Officials", "in", "Japan", "said", "the", "beat", "went", "on", "."],
]


def extractor() -> FeatureExtractor:
    gazetteer = Gazetteer.build([("country", ("Japan",)), ("country", ("Oman",))])
    return FeatureExtractor({"Japan": ("1", "2", "3")}, gazetteer)


def test_an_all_caps_headline_word_learns_from_the_body() -> None:
    features = extractor().document(DOC)
    japan, beat = features[0][0], features[0][1]
    assert "SENT_UPPER" in japan
    # "Japan" is capitalised mid-sentence below; "beat" is written in lower case.
    assert "doc:amb:cap=1|low=0" in japan
    assert "doc:amb:cap=0|low=2" in beat
    # The headline word takes the cluster of its title-case form.
    assert "k2=3" in japan
    assert "g=country:B" in japan


def test_neighbours_of_other_occurrences() -> None:
    japan = extractor().document(DOC)[0][0]
    assert "agg-1=in" in japan
    assert "agg1=said" in japan


def test_the_second_pass_sees_the_first_pass_labels() -> None:
    prior = [["B-LOC", "O", "B-LOC"], ["O", "O", "B-LOC", "O", "O", "O", "O", "O", "O"]]
    features = extractor().document(DOC, prior)
    assert "mem=LOC" in features[1][2]
    assert "mem+1=LOC" in features[1][1]
    assert not any(f.startswith("mem=") for f in features[1][3])


def test_features_are_the_same_however_often_a_word_is_seen() -> None:
    one = extractor()
    assert one.document(DOC) == one.document(DOC) == extractor().document(DOC)


def test_known_features_keep_their_order_and_drop_the_rest() -> None:
    everything = extractor().document(DOC)
    known = {f for token in everything[1] for f in token if not f.startswith(("w=", "-1:"))}
    kept = FeatureExtractor(extractor().clusters, extractor().gazetteer, known).document(DOC)
    assert kept[1] == [[f for f in token if f in known] for token in everything[1]]
    assert all(f in known for sentence in kept for token in sentence for f in token)


def test_the_second_pass_adds_to_the_first_and_shares_what_it_does_not_change() -> None:
    features = extractor()
    first = features.first_pass(DOC)
    prior = [["B-LOC", "O", "B-LOC"], ["O", "O", "B-LOC", "O", "O", "O", "O", "O", "O"]]
    second = features.second_pass(first, prior)
    assert second == features.document(DOC, prior)
    for before, after in zip(first.items, second, strict=True):
        for old, new in zip(before, after, strict=True):
            assert new[: len(old)] == old
    # "on" gains nothing: neither it nor "went" nor "." is written with a capital here.
    assert second[1][7] is first.items[1][7]
