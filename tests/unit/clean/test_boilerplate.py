"""Page furniture is removed; news that merely uses the same words is not."""

from __future__ import annotations

import pytest

from storyline.clean.boilerplate import boilerplate_reason


@pytest.mark.parametrize(
    "text",
    [
        "© 2025 Harbor Herald",
        "(c) 2024 Lisbon Ledger. All rights reserved.",
        "Copyright 2025 Northern Post",
        "Copyright © Harbor Herald 2025",
        "All rights reserved.",
        "Share",
        "Share this article",
        "Share on Facebook",
        "SHARE THIS STORY",
        "Tweet",
        "Email",
        "Copy link",
        "Follow us on Twitter",
        "Follow Jana Novak on X",
        "Follow the latest updates",
        "Subscribe",
        "Subscribe to our daily briefing",
        "Sign up for our newsletter",
        "Sign up now",
        "Get our free newsletter delivered to your inbox",
        "Click here to read the full report",
        "Read more: Port strike spreads to Antwerp",
        "READ MORE",
        "Related:",
        "Related articles",
        "More on this story",
        "Advertisement",
        "ADVERTISEMENT",
        "Story continues below advertisement",
        "Image caption The harbour at dawn",
        "Image source, Harbor Herald",
        "Photo: Jana Novak/Harbor Herald",
        "(Photo: Jana Novak)",
        "Photograph: AFP via Getty Images",
        "Getty Images",
        "Jana Novak/Getty Images",
        "This article was originally published on Northern Post.",
        "This story first appeared in the Lisbon Ledger.",
        "Download our app for the latest news",
        "Get the Harbor Herald app",
        "Watch: the cranes stop at midnight",
        "Listen to this article",
    ],
)
def test_boilerplate_is_recognised(text: str) -> None:
    assert boilerplate_reason(text) is not None


@pytest.mark.parametrize(
    "text",
    [
        "Shares in the company fell 3% on Monday.",
        "Share prices rose after the announcement.",
        "The ministers will follow up next week.",
        "Follow-up talks will take place in Brussels.",
        "Follow the money, investigators said.",
        "Copyright law was changed in 2003 to cover software.",
        "Getty Images said on Monday it would cut 200 jobs.",
        "Photographers were kept away from the harbour.",
        "Subscribers will pay more from May, the company said.",
        "The union said its members would share the bonus equally.",
        "Advertising revenue fell 8% in the quarter.",
        "Related talks in Brussels broke down on Friday.",
        "Readers can sign up for the ballot at the union office, a spokesman said, "
        "adding that voting will close on Friday.",
        "She emailed the minister twice.",
        # A long paragraph is never furniture, whatever it starts with.
        "Click here, the instructions said, and the machine would restart; but the engineers "
        "who had spent the night at the terminal knew that the fault lay elsewhere, in a "
        "cable under the quay.",
    ],
)
def test_news_is_not_boilerplate(text: str) -> None:
    assert boilerplate_reason(text) is None
