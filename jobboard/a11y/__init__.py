"""Accessibility QA: axe-core in headless Chromium, a same-origin crawler and reports.

`browser` starts Chromium without ever calling Selenium Manager (no network), `axe` runs
axe-core strictly (a rejected run raises, a run where no rule ran raises), `crawl` walks a
site's links and sitemap, `report` writes report.json, report.html and junit.xml. The
`jobboard a11y` command (`cli`) and the test suite in tests/a11y share all of it.
"""

# WCAG 2.2 AA as far as axe automates it, plus best practices. wcag22aa is what turns on
# target-size, which a bare axe.run() never evaluates.
TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice")
