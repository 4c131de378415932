"""An article's subject (``stories/subject.py``): the names its headline gives, or a capitals
headline's words weighed by how rare they are."""

from __future__ import annotations

from storyline.stories.subject import subject_candidates, subject_weights


def test_a_notices_company_outweighs_the_words_every_notice_repeats() -> None:
    counts = {"brenco": 1.0, "declares": 1.0, "qtly": 1.0, "dividend": 1.0, "cts": 2.0}
    candidates = subject_candidates("BRENCO INC DECLARES QTLY DIVIDEND", counts)
    df = {"brenco": 1, "declar": 90, "qtly": 120, "dividend": 300}
    subject = subject_weights(candidates, df, 2000)
    assert set(subject) == {"n:brenco", "n:declares"}
    assert subject["n:brenco"] > 10 * subject["n:declares"]


def test_a_word_near_the_hinge_weighs_almost_nothing_whatever_the_store_size() -> None:
    """The same word, in 1 of 20 articles of a store of 950 and of 1,000, is weighed about
    zero either way: a store that grows does not flip it in or out of a subject at full
    weight (the cut it replaces moved stories with arrival order)."""
    candidates = [("n:jan", "jan"), ("n:potomac", "potomac")]
    smaller = subject_weights(candidates, {"jan": 48, "potomac": 2}, 950)
    larger = subject_weights(candidates, {"jan": 48, "potomac": 2}, 1000)
    assert smaller.get("n:jan", 0.0) < 0.1 * smaller["n:potomac"]
    assert larger.get("n:jan", 0.0) < 0.1 * larger["n:potomac"]


def test_names_weigh_their_idf_however_common() -> None:
    subject = subject_weights([("n:japan", "n:japan")], {"n:japan": 400}, 1000)
    assert 1.0 < subject["n:japan"] < 2.0
