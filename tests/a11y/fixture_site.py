"""A tiny site with known accessibility faults: the negative control of the suite and the tool."""

from __future__ import annotations

from flask import Flask, Response, request

PAGE = """<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>
<style>li {{ margin: .5rem 0 }} a {{ display: inline-block; min-height: 24px }}
a:focus {{ outline: 3px solid #00c }}</style></head>
<body><header><a href="/">Home</a></header>
<main><h1>{title}</h1>{body}</main></body></html>"""

# Each fault is there for one rule: html-has-lang (no lang), image-alt, label, color-contrast,
# landmark-one-main and region (no <main>, content outside landmarks), target-size (two
# adjacent 10x10 px buttons).
BROKEN = """<!doctype html>
<html><head><meta charset="utf-8"><title>Broken page</title></head>
<body><div>
<h1>Broken page</h1>
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
<input type="text" name="q">
<p style="color:#aaaaaa;background:#ffffff">Low contrast text</p>
<button style="width:10px;height:10px;padding:0;border:0;margin:0" aria-label="one"></button><button
 style="width:10px;height:10px;padding:0;border:0;margin:0" aria-label="two"></button>
</div></body></html>"""
BROKEN_RULES = ["color-contrast", "html-has-lang", "image-alt", "label", "landmark-one-main",
                "region", "target-size"]

# Faults axe does not see, one per check of probes.py: focus indicator removed, a fixed bar
# hiding focused links, a skip link to nowhere, a 600 px wide box, a fixed-height box that
# clips larger text, tiny adjacent links, a transition that ignores reduced motion, and a
# button whose border disappears.
UNUSABLE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Unusable page</title>
<style>
  :focus { outline: none; }
  .bar { position: fixed; left: 0; right: 0; bottom: 0; height: 60vh; background: #fff; }
  .wide { min-width: 600px; }
  .box { height: 20px; overflow: hidden; font-size: 16px; line-height: 18px; }
  .tiny a { font-size: 10px; line-height: 10px; display: inline-block; }
  .moving { transition: color 1s; }
  button { border: 0; }
</style></head>
<body><a href="#nowhere" class="skip-link">Skip to main content</a>
<main><h1>Unusable page</h1>
<div class="wide">Wide content</div>
<p class="box">Clipped</p>
<p class="tiny"><a href="/good">a</a><a href="/good">b</a><a href="/good">c</a></p>
<p class="moving">Moves</p>
<button type="button">Borderless</button>
<ul>LINKS</ul>
</main><div class="bar">Cookie banner</div></body></html>""".replace(
    "LINKS", "".join(f'<li><a href="/good?n={n}">Link {n}</a></li>' for n in range(12)))

# Tab never leaves the second field.
TRAP = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Trap</title></head>
<body><main><h1>Trap</h1>
<label for="a">A</label> <input id="a"> <label for="b">B</label> <input id="b">
<a href="/good">Never reached</a></main>
<script>document.getElementById('b').addEventListener('keydown', function (e) {
  if (e.key === 'Tab') { e.preventDefault(); }
});</script></body></html>"""

LINKS = """<ul>
<li><a href="/good">A good page</a></li>
<li><a href="/bad#top">A broken page</a></li>
<li><a href="/framed">A page with a frame</a></li>
<li><a href="/feed.atom">Feed</a></li>
<li><a href="/fr/">Français</a></li>
<li><a href="http://example.invalid/elsewhere">Another site</a></li>
<li><a href="mailto:someone@example.invalid">Mail</a></li>
</ul>"""
SITEMAP = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>{origin}/from-sitemap</loc></url>
<url><loc>http://example.invalid/not-ours</loc></url>
</urlset>"""


def create_fixture_site() -> Flask:
    """Flask app: / links to good, broken, framed, non-HTML and foreign pages; sitemap.xml."""
    app = Flask(__name__)

    def page(title: str, body: str = "<p>Nothing wrong here.</p>", lang: str = "en") -> str:
        return PAGE.format(title=title, body=body, lang=lang)

    @app.get("/")
    def home():
        return page("Fixture site", LINKS)

    @app.get("/good")
    def good():
        return page("Good page")

    @app.get("/wrapped")
    def wrapped():  # the middle of the link's bounding box is beside its short second line
        return page("Wrapped link", '<p><a style="display: inline" href="/good">'
                    "The first line of a link<br>x<br>and its third line</a></p>")

    @app.get("/bad")
    def bad():
        return BROKEN

    @app.get("/unusable")
    def unusable():
        return UNUSABLE

    @app.get("/trap")
    def trap():
        return TRAP

    @app.get("/framed")
    def framed():
        return page("Framed page", '<iframe src="/frame-content" title="Embedded"></iframe>')

    @app.get("/frame-content")
    def frame_content():
        return ('<!doctype html><html lang="en"><head><title>Frame content</title></head>'
                '<body><p>In a frame</p><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'
                "</body></html>")

    @app.get("/fr/")
    def french():
        return page("Page en français", "<p>Rien à signaler.</p>", lang="fr")

    @app.get("/from-sitemap")
    def from_sitemap():
        return page("Only in the sitemap")

    @app.get("/feed.atom")
    def feed():
        return Response('<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title></feed>',
                        mimetype="application/atom+xml")

    @app.get("/sitemap.xml")
    def sitemap():
        return Response(SITEMAP.format(origin=request.host_url.rstrip("/")),
                        mimetype="application/xml")

    return app
