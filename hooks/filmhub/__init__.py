"""The logic behind the hub's MkDocs hooks, in plain Python.

The files in hooks/ are thin MkDocs event handlers; everything they decide is
done here, by functions that take plain data and return plain data, so tests
call them directly and the logic can move to another generator later.

Modules, one concern each:

- problems:        Problem values and how a list of them is reported.
- textscan:        a page body's lines, prose and sentences, scanned once.
- yaml_mapping:    a YAML mapping's values and where each was written (data only).
- yaml_reader:     reading pages' front matter and glossary files, keeping positions.
- validation:      Field and Schema: checking a YAML mapping against its fields.
- fields:          the front matter and glossary fields, declared once (also for schema).
- front_matter:    reading and validating each page's front matter.
- body_checks:     a page body's second title and unfinished text.
- pages:           the loader the build and make check share: every check without rendering.
- content_rules:   what a published article needs: length, sources, a citation.
- diagrams:        diagrams named, described and readable in both colour schemes.
- redirects:       the redirect map, and pages moved without an entry.
- site:            the model of the site: pages, hubs, articles.
- state:           the per-build state the hooks share.
- markers:         the <!-- … --> lines where the build puts shared content.
- urls:            every address the hub writes: relative URLs, Markdown paths, folder -> index.md.
- links:           the link model: resolving one link or anchor as the published site will.
- link_report:     every link of a build resolved once: problems, backlinks, externals, orphans.
- positions:       the line and column where each link was typed.
- link_collector:  the Markdown extension that collects links and ids.
- read_next:       Read Next lists, cards and backlinks.
- hub_lists:       hub pages' article lists and the pillar's list of hubs.
- glossary:        the glossary files in glossary/.
- definitions:     catching terms defined in a page's own words, or copied.
- tooltips:        the Markdown extension that marks a term's first mention.
- glossary_page:   the glossary page, made in memory.
- seo:             head metadata, JSON-LD, the feed and robots.txt.

Writer tools, run with `python -m filmhub.<name>` (see the Makefile):

- scaffold:        make article.
- freshness:       the warning for edited articles whose date stayed the same.
- external_links:  make linkcheck-external.
- check:           make check.
- serve:           make serve, on an address that is free.
- schema:          make schemas (the editors' JSON Schemas).
"""
