"""Live sources: feeds, sitemaps, pages and folders Storyline follows and fetches (issue 20)."""
