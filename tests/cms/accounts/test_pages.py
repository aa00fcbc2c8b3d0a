"""The account pages work without JavaScript, under the site's CSP, in Russian and English."""

import pytest
from bs4 import BeautifulSoup

from cms.users.choices import RoleChoices

from .conftest import PASSWORD, make_account, sign_in, totp_activate

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = ["login/", "signup/", "password/reset/"]


def executable_inline_scripts(soup):
    """Scripts the CSP (script-src 'self') would block: inline ones that are not JSON data."""
    return [
        s
        for s in soup.find_all("script")
        if not s.get("src") and s.get("type") not in ("application/json", "text/template")
    ]


def check(response):
    soup = BeautifulSoup(response.content, "html.parser")
    assert response.status_code == 200
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert executable_inline_scripts(soup) == []
    assert soup.select("[style]") == []
    assert soup.find_all("style") == []
    for field in soup.select("form input:not([type=hidden]):not([disabled])"):
        if field.get("type") == "submit":
            continue
        assert soup.select_one(f'label[for="{field["id"]}"]'), field
    return soup


@pytest.mark.parametrize("page", PUBLIC_PAGES)
@pytest.mark.parametrize("language", ["ru", "en"])
def test_the_public_account_pages_need_no_script_and_label_every_field(client, page, language):
    soup = check(client.get(f"/{language}/accounts/{page}"))

    assert soup.html["lang"] == language
    other = "en" if language == "ru" else "ru"
    assert soup.select_one(f'a[hreflang="{other}"]')["href"] == f"/{other}/accounts/{page}"


def test_the_sign_in_page_is_in_english_at_the_english_address(client):
    soup = check(client.get("/en/accounts/login/"))

    assert soup.h1.get_text(strip=True) == "Sign In"
    assert soup.select_one('button[type="submit"]').get_text(strip=True) == "Sign In"


def test_errors_are_announced_and_tied_to_their_field(client):
    response = client.post(
        "/ru/accounts/signup/",
        {"email": "not-an-address", "password1": "x", "password2": "y"},
    )
    soup = BeautifulSoup(response.content, "html.parser")

    email = soup.select_one("#id_email")
    assert email["aria-invalid"] == "true"
    assert "id_email_error" in email["aria-describedby"]
    assert soup.select_one("#id_email_error").get_text(strip=True)


def test_the_authenticator_set_up_page_shows_its_qr_code_as_an_image_the_csp_allows(client):
    make_account("editor", RoleChoices.STAFF)
    sign_in(client, "editor")
    client.post(client.get("/ru/accounts/2fa/totp/activate/")["Location"], {"password": PASSWORD})

    soup = check(client.get("/ru/accounts/2fa/totp/activate/"))

    assert soup.select_one("img")["src"].startswith("data:image/svg+xml")
    assert soup.select_one("#authenticator_secret")["value"]


def test_the_code_page_after_the_password_needs_no_script(client):
    editor = make_account("editor", RoleChoices.STAFF)
    totp_activate(editor)

    check(client.get(sign_in(client, "editor")["Location"]))
