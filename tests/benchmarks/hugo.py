"""Export the publishable site as a Hugo site (Markdown + a small comparable layout).

The layout shows what our templates show: a header with the language links and a menu of the
top-level sections, breadcrumbs, the main text, the children of a section, a footer. The main
text of a page is every text and StreamField of its type (a solution's problem, goal, stages
and result; an event's description, programme and speakers; a hall's exhibits…), so every page
type weighs in Hugo about what it weighs in our build. Images and documents are copied as
static files (our build hard-links renditions made beforehand).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from bs4 import BeautifulSoup, NavigableString
from django.db import models
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

from cms.core.fields import StreamField
from publish.site_index import SiteIndex

CONFIG = """\
baseURL = "http://127.0.0.1:8000/"
title = "Цифровое коворкинг-пространство"
defaultContentLanguage = "ru"
defaultContentLanguageInSubdir = true
disableKinds = ["taxonomy", "term"]
enableRobotsTXT = true

[outputs]
home = ["HTML", "RSS"]
section = ["HTML"]
page = ["HTML"]

[languages.ru]
contentDir = "content/ru"
weight = 1
languageName = "RU"

[languages.en]
contentDir = "content/en"
weight = 2
languageName = "EN"
title = "Digital coworking space"

[markup.goldmark.renderer]
unsafe = true
"""

BASEOF = """\
<!doctype html>
<html lang="{{ .Site.Language.Lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} — {{ .Site.Title }}</title>
{{ with .Params.lead }}<meta name="description" content="{{ . | truncate 300 }}">{{ end }}
<link rel="canonical" href="{{ .Permalink }}">
{{ range .AllTranslations }}<link rel="alternate" hreflang="{{ .Lang }}" href="{{ .Permalink }}">
{{ end }}<link rel="stylesheet" href="/css/site.css">
</head>
<body>
<a class="skip-link" href="#main">К содержанию</a>
<header class="site-header">
<div class="container header-row">
<a class="site-name" href="{{ .Site.Home.RelPermalink }}">{{ .Site.Title }}</a>
<nav class="language-switcher"><ul>
{{ range .AllTranslations }}<li><a href="{{ .RelPermalink }}" hreflang="{{ .Lang }}">
{{- .Lang | upper }}</a></li>
{{ end }}</ul></nav>
</div>
<nav class="main-nav container"><ul>
{{ $current := . }}{{ range .Site.Sections }}<li><a href="{{ .RelPermalink }}"
{{- if eq .RelPermalink $current.RelPermalink }} aria-current="page"{{ end }}>{{ .Title }}</a></li>
{{ end }}</ul></nav>
</header>
{{ if not .IsHome }}<nav class="breadcrumbs container"><ol>
{{ range .Ancestors.Reverse }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{ end }}<li aria-current="page">{{ .Title }}</li>
</ol></nav>{{ end }}
<main id="main" class="container">
{{ block "main" . }}{{ end }}
</main>
<footer class="site-footer"><div class="container">
<p>Цифровое коворкинг-пространство взаимодействия субъектов образования.</p>
<p><a href="/sitemap.xml">Карта сайта</a></p>
</div></footer>
</body>
</html>
"""

SINGLE = """\
{{ define "main" }}<article>
<h1>{{ .Title }}</h1>
{{ with .Params.lead }}<p class="lead">{{ . }}</p>{{ end }}
<div class="body">{{ .Content }}</div>
</article>{{ end }}
"""

LIST = """\
{{ define "main" }}<article>
<h1>{{ .Title }}</h1>
{{ with .Params.lead }}<p class="lead">{{ . }}</p>{{ end }}
<div class="body">{{ .Content }}</div>
</article>
{{ with .Pages }}<section><h2>В этом разделе</h2><ul class="card-list">
{{ range . }}<li class="card"><h3><a href="{{ .RelPermalink }}">{{ .Title }}</a></h3>
{{- with .Params.lead }}<p>{{ . }}</p>{{ end }}</li>
{{ end }}</ul></section>{{ end }}{{ end }}
"""

HOME = """\
{{ define "main" }}<section class="hero"><h1>{{ .Title }}</h1></section>
{{ with .Pages }}<section><h2>Разделы</h2><ul class="card-list">
{{ range . }}<li class="card"><h3><a href="{{ .RelPermalink }}">{{ .Title }}</a></h3>
{{- with .Params.lead }}<p>{{ . }}</p>{{ end }}</li>
{{ end }}</ul></section>{{ end }}
<section><h2>Новое на сайте</h2><ul class="card-list">
{{ range first 6 .Site.RegularPages.ByDate.Reverse }}<li class="card"><h3>
{{- /* the newest pages, as our home page lists them */ -}}
<a href="{{ .RelPermalink }}">{{ .Title }}</a></h3>
{{- with .Date }}<p class="meta">{{ .Format "2006-01-02" }}</p>{{ end }}</li>
{{ end }}</ul></section>{{ end }}
"""


def export_site(target: Path) -> int:
    """Write a Hugo site for every publishable page into `target`; returns the page count."""
    if target.exists():
        shutil.rmtree(target)
    index = SiteIndex.load()
    layouts = target / "layouts" / "_default"
    layouts.mkdir(parents=True)
    (target / "config.toml").write_text(CONFIG, encoding="utf-8")
    (layouts / "baseof.html").write_text(BASEOF, encoding="utf-8")
    (layouts / "single.html").write_text(SINGLE, encoding="utf-8")
    (layouts / "list.html").write_text(LIST, encoding="utf-8")
    (target / "layouts" / "index.html").write_text(HOME, encoding="utf-8")
    static = target / "static"
    css = static / "css" / "site.css"
    css.parent.mkdir(parents=True)
    css.write_text("body{font-family:sans-serif}\n", encoding="utf-8")
    copied: dict[tuple[str, int], str] = {}
    ids = sorted(index.pages)
    for start in range(0, len(ids), 500):
        for page in Page.objects.filter(id__in=ids[start : start + 500]).specific():
            info = index.pages[page.pk]
            body = _page_markdown(page, index, static, copied)
            relative = info.url.strip("/").split("/", 1)
            language, rest = relative[0], relative[1] if len(relative) > 1 else ""
            folder = target / "content" / language / rest
            name = "_index.md" if info.children or info.depth == 2 else "index.md"
            folder.mkdir(parents=True, exist_ok=True)
            front = {
                "title": info.title,
                "date": info.first_published_at.isoformat() if info.first_published_at else None,
                "translationKey": str(info.translation_key),
                "lead": info.lead,
            }
            lines = ["---"] + [
                f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in front.items() if v
            ]
            (folder / name).write_text("\n".join(lines) + "\n---\n\n" + body, encoding="utf-8")
    return len(index.pages)


def _page_markdown(page, index: SiteIndex, static: Path, copied: dict[tuple[str, int], str]) -> str:
    """The page type's own texts and StreamFields in declaration order; the lead goes into
    the front matter."""
    parts = []
    for field in type(page)._meta.local_concrete_fields:
        if field.name == "lead":
            continue
        if isinstance(field, StreamField):
            text = _markdown(getattr(page, field.name), index, static, copied)
        elif isinstance(field, models.TextField):
            text = getattr(page, field.name)
        else:
            continue
        if text.strip():
            parts.append(text.strip())
    return "\n\n".join(parts) + "\n"


def _markdown(body, index: SiteIndex, static: Path, copied: dict[tuple[str, int], str]) -> str:
    if not body:
        return ""
    parts = []
    for block in body.raw_data:
        kind, value = block["type"], block["value"]
        if kind == "rich_text":
            parts.append(_rich_text_markdown(value, index))
        elif kind == "quote":
            quote = "\n> ".join(value["quote"].splitlines())
            author = ", ".join(v for v in (value.get("author"), value.get("role")) if v)
            parts.append(f"> {quote}" + (f"\n>\n> — {author}" if author else ""))
        elif kind == "image":
            url = _copy_file("image", value["image"], static, copied)
            caption = value.get("caption") or ""
            parts.append(
                f'![{value.get("alt_text", "")}]({url} "{caption}")\n\n© {value.get("credit", "")}'
            )
        elif kind == "document":
            url = _copy_file("document", value["document"], static, copied)
            parts.append(f"[{value.get('title') or 'Документ'}]({url})")
        else:
            parts.append(_value_markdown(kind, value, index, static, copied))
    return "\n\n".join(p for p in parts if p) + "\n"


# Struct children that hold a choice (an exhibit's kind, an entry's status), not text.
CHOICE_KEYS = {"kind", "status", "category", "start_precision", "end_precision"}


def _value_markdown(key: str, value, index: SiteIndex, static: Path, copied) -> str:
    """Any other block (an exhibit, a session, a speaker, a question, a timeline…): its texts
    as paragraphs, its images, files and links as Markdown images and links."""
    if isinstance(value, dict) and "type" in value and "value" in value:  # a list item
        return _value_markdown(value["type"], value["value"], index, static, copied)
    if isinstance(value, dict):
        parts = [_value_markdown(k, v, index, static, copied) for k, v in value.items()]
        return "\n\n".join(p for p in parts if p)
    if isinstance(value, list):
        parts = [_value_markdown(key, v, index, static, copied) for v in value]
        return "\n\n".join(p for p in parts if p)
    if isinstance(value, bool) or value is None or value == "" or key in CHOICE_KEYS:
        return ""
    if isinstance(value, int):
        if key in ("image", "photo"):
            return f"![]({_copy_file('image', value, static, copied)})"
        if key == "document":
            return f"[Документ]({_copy_file('document', value, static, copied)})"
        if key == "page" and index.get(value) is not None:
            return f"[{index.get(value).title}]({index.get(value).url})"
        return ""
    text = str(value)
    if key in ("url", "video_url", "link"):
        return f"<{text}>"
    if text.lstrip().startswith("<"):
        return _rich_text_markdown(text, index)
    return text


def _copy_file(kind: str, pk: int, static: Path, copied: dict[tuple[str, int], str]) -> str:
    if (kind, pk) not in copied:
        model = get_image_model() if kind == "image" else get_document_model()
        obj = model.objects.get(pk=pk)
        relative = ("images/" if kind == "image" else f"files/{pk}/") + Path(obj.file.name).name
        destination = static / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(obj.file.path, destination)
        copied[(kind, pk)] = "/" + relative
    return copied[(kind, pk)]


def _rich_text_markdown(html: str, index: SiteIndex) -> str:
    soup = BeautifulSoup(html, "html.parser")
    blocks = []
    for element in soup.children:
        if isinstance(element, NavigableString):
            continue
        if element.name in ("h2", "h3", "h4"):
            blocks.append("#" * int(element.name[1]) + " " + _inline(element, index))
        elif element.name in ("ul", "ol"):
            marker = "-" if element.name == "ul" else "1."
            blocks.append(
                "\n".join(f"{marker} {_inline(li, index)}" for li in element.find_all("li"))
            )
        else:
            blocks.append(_inline(element, index))
    return "\n\n".join(blocks)


def _inline(element, index: SiteIndex) -> str:
    out = []
    for child in element.children:
        if isinstance(child, NavigableString):
            out.append(str(child))
        elif child.name == "a":
            info = index.get(int(child.get("id", 0))) if child.get("linktype") == "page" else None
            text = _inline(child, index)
            out.append(f"[{text}]({info.url})" if info else text)
        elif child.name in ("b", "strong"):
            out.append(f"**{_inline(child, index)}**")
        elif child.name in ("i", "em"):
            out.append(f"*{_inline(child, index)}*")
        else:
            out.append(_inline(child, index))
    return "".join(out)
