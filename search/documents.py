"""The Elasticsearch index of public pages, defined with elasticsearch-dsl.

One index holds both languages. Every text field is analysed three ways: `folded` (lower
case, ё → е, no stemming: exact words, highlighting, spelling suggestions), `.ru` (Russian
stop words and Snowball stemming) and `.en` (English possessives, stop words, Porter
stemming); a query searches the subfields of the reader's language. Titles also get `.prefix`
(edge n-grams) for the search box's autocomplete.

Readers and writers use the alias `<prefix>-pages`; a rebuild creates a new concrete index
and moves the alias in one request (see `backends.ElasticsearchBackend.rebuild`).
"""

from django.conf import settings
from elasticsearch.dsl import (
    Date,
    Document,
    Integer,
    Keyword,
    Text,
    analyzer,
    char_filter,
    token_filter,
)

yo_fold = char_filter("yo_fold", type="mapping", mappings=["ё=>е", "Ё=>Е"])
russian_stop = token_filter("russian_stop", type="stop", stopwords="_russian_")
russian_stemmer = token_filter("russian_stemmer", type="stemmer", language="russian")
english_possessive = token_filter(
    "english_possessive", type="stemmer", language="possessive_english"
)
english_stop = token_filter("english_stop", type="stop", stopwords="_english_")
english_stemmer = token_filter("english_stemmer", type="stemmer", language="english")
prefixes = token_filter("prefixes", type="edge_ngram", min_gram=1, max_gram=20)

folded = analyzer("folded", tokenizer="standard", char_filter=[yo_fold], filter=["lowercase"])
russian = analyzer(
    "russian_text",
    tokenizer="standard",
    char_filter=[yo_fold],
    filter=["lowercase", russian_stop, russian_stemmer],
)
english = analyzer(
    "english_text",
    tokenizer="standard",
    char_filter=[yo_fold],
    filter=[english_possessive, "lowercase", english_stop, english_stemmer],
)
autocomplete = analyzer(
    "autocomplete", tokenizer="standard", char_filter=[yo_fold], filter=["lowercase", prefixes]
)


def _text(**extra):
    # Offsets in the postings let the highlighter skip re-analysing long bodies per hit.
    fields = {
        "ru": Text(analyzer=russian, index_options="offsets"),
        "en": Text(analyzer=english, index_options="offsets"),
        **extra,
    }
    return Text(analyzer=folded, fields=fields, copy_to="spelling")


class PageDocument(Document):
    """One published page: its visible text, facets and where it lives."""

    title = _text(prefix=Text(analyzer=autocomplete, search_analyzer=folded))
    lead = _text()
    body = _text()
    tags = Keyword(
        fields={
            "text": Text(analyzer=folded),
            "ru": Text(analyzer=russian),
            "en": Text(analyzer=english),
        }
    )
    spelling = Text(analyzer=folded)
    locale = Keyword()
    type = Keyword()
    subject = Keyword()
    grade = Keyword()
    year = Integer()
    event_date = Date()
    published_at = Date()
    url = Keyword(index=False)
    image = Keyword(index=False)

    class Index:
        settings = {"number_of_shards": 1, "number_of_replicas": 0, "refresh_interval": "1s"}


def alias_name() -> str:
    return f"{getattr(settings, 'ELASTICSEARCH_INDEX_PREFIX', 'coworking')}-pages"


def index_body() -> dict:
    """The settings and mappings of a new concrete index (analysis included)."""
    from elasticsearch.dsl import Index

    index = Index("template")
    index.settings(**PageDocument.Index.settings)
    index.document(PageDocument)
    return index.to_dict()


def document_source(doc) -> dict:
    """The Elasticsearch source of a SearchDocument row."""
    return {
        "title": doc.title,
        "lead": doc.lead,
        "body": doc.body,
        "tags": list(doc.tags),
        "locale": doc.locale,
        "type": doc.type,
        "subject": list(doc.subjects),
        "grade": list(doc.grades),
        "year": doc.year,
        "event_date": doc.event_date.isoformat() if doc.event_date else None,
        "published_at": doc.published_at.isoformat() if doc.published_at else None,
        "url": doc.url,
        "image": doc.image,
    }
