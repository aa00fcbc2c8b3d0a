"""Reading a published page's text for the index: the streaming reader and the parse tree agree."""

from bs4 import BeautifulSoup

from search.text import _soup_text, main_content

PAGE = """<!doctype html><html lang="ru"><head><title>Не в тексте</title></head><body>
<header><nav><a href="/ru/">Меню</a></nav></header>
<main id="main">
<h1>Робототехника&nbsp;в&nbsp;лицее</h1><p class="lead">Лид <b>страницы</b>.</p>
<nav aria-label="Крошки"><img src="/static/nav.svg" alt=""><a href="/ru/">Главная</a></nav>
<figure><img src="/images/robot.webp" alt=""><figcaption>Робот-сортировщик</figcaption></figure>
<p>Первый абзац<br>вторая строка &laquo;в кавычках&raquo; &amp; амперсанд.</p>
<svg viewBox="0 0 1 1"><title>Иконка</title><path d="M0 0"/><svg><text>вложенная</text></svg></svg>
<form action="/api/"><label>Поле</label><input name="q" hidden><button>Найти</button></form>
<div hidden><div>Скрытый <div>текст</div></div></div>
<ul class="card-list wide"><li><h3><a href="/ru/a/">Другая страница</a></h3><p>Её лид</p></li></ul>
<aside data-search-ignore><p>Не искать</p></aside>
<table><tr><th>Год</th><td>2025</td></tr></table><!-- комментарий -->
<script>var x = "<p>скрипт</p>";</script><template><p>шаблон</p></template>
<p>Последний абзац</p>
</main>
<footer>Подвал</footer></body></html>"""


def tree_reading(html: str) -> tuple[str, str]:
    main = BeautifulSoup(html, "html.parser").find("main")
    img = main.find("img", src=True)
    image = img["src"] if img is not None else ""
    return _soup_text(main), image


def test_the_streaming_reader_reads_what_the_parse_tree_reads():
    text, image = main_content(PAGE)

    assert (text, image) == tree_reading(PAGE)
    assert text == (
        "Робототехника в лицее Лид страницы. Робот-сортировщик Первый абзац вторая строка "
        "«в кавычках» & амперсанд. Год 2025 Последний абзац"
    )
    assert image == "/static/nav.svg"


def test_only_the_main_element_is_read():
    text, _ = main_content(PAGE)

    for outside in ("Не в тексте", "Меню", "Подвал"):
        assert outside not in text


def test_a_page_without_main_is_read_from_its_body():
    text, image = main_content("<html><body><p>Текст</p><img src='/a.png'></body></html>")

    assert (text, image) == ("Текст", "/a.png")
