"""The logic behind the hub's MkDocs hooks, in plain Python.

The files in hooks/ are thin MkDocs event handlers; everything they decide is
done here, by functions that take plain data and return plain data, so tests
call them directly and the logic can move to another generator later.

Modules, one concern each:

- problems:      Problem values and how a list of them is reported.
- textscan:      walking Markdown prose while skipping code, comments and quotes.
- front_matter:  parsing and validating each page's front matter.
- site:          the model of the site: pages, hubs, articles.
- state:         the per-build state the hooks share.
"""
