"""The video providers: the addresses they hand out are the ones their servers accept.

Each adapter is checked against the provider's documented format without the network: the
Jitsi token is decoded with the app secret, BigBlueButton's checksum is recomputed from the
address, and the one server-to-server call is made to a small server on 127.0.0.1.
"""

from __future__ import annotations

import hashlib
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

import jwt
import pytest
from django.test import override_settings
from django.utils import timezone

from cms.meetings.models import new_video_name
from cms.meetings.video import (
    JoinRequest,
    VideoError,
    VideoProvider,
    open_join_url,
    video_provider,
)
from cms.meetings.video.checks import check_video_settings

JITSI_SECRET = "k" * 20 + "0123456789abcdef"  # 36 characters
BBB_SECRET = "8cd8ef52e8e101574e400365b55e11a6"
JITSI = {
    "PROVIDER": "jitsi",
    "JITSI_URL": "https://meet.lyceum.example/",
    "JITSI_APP_ID": "coworking",
    "JITSI_APP_SECRET": JITSI_SECRET,
}


def bbb(url="https://bbb.lyceum.example/bigbluebutton/", checksum="sha256"):
    return {
        "PROVIDER": "bigbluebutton",
        "BBB_URL": url,
        "BBB_SECRET": BBB_SECRET,
        "BBB_CHECKSUM": checksum,
    }


def join_request(*, moderator=False, starts_in=-5, minutes=45, **fields):
    """A request for a pupil (no email, waits in the lobby) unless told otherwise."""
    now = timezone.now().replace(microsecond=0)
    values = {
        "room_name": new_video_name(),
        "meeting_title": "Консультация",
        "display_name": "Маша К.",
        "user_id": "user-7",
        "moderator": moderator,
        "lobby": not moderator,
        "not_before": now + timedelta(minutes=starts_in),
        "expires_at": now + timedelta(minutes=starts_in + minutes),
    }
    values.update(fields)
    return JoinRequest(**values)


def host_request(**fields):
    values = {"display_name": "Анна Петровна", "user_id": "user-1", "email": "anna@lyceum.example"}
    values.update(fields)
    return join_request(moderator=True, **values)


def decode(url, secret=JITSI_SECRET):
    token = dict(parse_qsl(urlsplit(url).query))["jwt"]
    return jwt.decode(token, secret, algorithms=["HS256"], audience="jitsi")


# Jitsi


@override_settings(MEETINGS_VIDEO=JITSI)
def test_a_jitsi_link_opens_the_rooms_unguessable_name_on_the_schools_server_with_a_token():
    request = join_request()

    url = video_provider().join_url(request)

    parts = urlsplit(url)
    assert (parts.scheme, parts.netloc, parts.path) == (
        "https",
        "meet.lyceum.example",
        f"/{request.room_name}",
    )
    assert request.room_name.startswith("cw") and len(request.room_name) == 34
    assert list(dict(parse_qsl(parts.query))) == ["jwt"]


@override_settings(MEETINGS_VIDEO=JITSI)
def test_the_jitsi_token_names_the_app_the_server_the_room_and_the_meetings_window():
    request = join_request()

    claims = decode(video_provider().join_url(request))

    assert claims["aud"] == "jitsi"
    assert claims["iss"] == "coworking"
    assert claims["sub"] == "meet.lyceum.example"
    assert claims["room"] == request.room_name
    assert claims["nbf"] == int(request.not_before.timestamp())
    assert claims["exp"] == int(request.expires_at.timestamp())


@override_settings(MEETINGS_VIDEO=JITSI)
def test_a_pupil_enters_jitsi_as_a_participant_without_email_and_waits_in_the_lobby():
    user = decode(video_provider().join_url(join_request()))["context"]["user"]

    assert user == {
        "id": "user-7",
        "name": "Маша К.",
        "moderator": "false",
        "affiliation": "member",
        "lobby": True,
    }


@override_settings(MEETINGS_VIDEO=JITSI)
def test_the_host_enters_jitsi_as_moderator_and_bypasses_the_lobby():
    context = decode(video_provider().join_url(host_request()))["context"]

    assert context["user"]["moderator"] == "true"
    assert context["user"]["affiliation"] == "owner"
    assert context["user"]["email"] == "anna@lyceum.example"
    assert context["user"]["lobby_bypass"] is True
    assert context["features"] == {"lobby_bypass": True}
    assert "lobby" not in context["user"]


@override_settings(MEETINGS_VIDEO=JITSI)
def test_only_the_moderator_bypasses_the_jitsi_lobby():
    pupil = decode(video_provider().join_url(join_request()))["context"]

    assert "lobby_bypass" not in pupil["user"]
    assert pupil["features"] == {}


@override_settings(MEETINGS_VIDEO=JITSI)
def test_a_jitsi_token_signed_with_another_secret_is_refused():
    url = video_provider().join_url(join_request())

    with pytest.raises(jwt.InvalidSignatureError):
        decode(url, secret="another-secret-of-the-same-length-000")


@override_settings(MEETINGS_VIDEO=JITSI)
def test_a_jitsi_token_of_a_meeting_that_is_over_is_refused():
    url = video_provider().join_url(join_request(starts_in=-120, minutes=45))

    with pytest.raises(jwt.ExpiredSignatureError):
        decode(url)


@override_settings(MEETINGS_VIDEO=JITSI)
def test_a_jitsi_token_for_a_meeting_that_has_not_opened_yet_is_refused():
    url = video_provider().join_url(join_request(starts_in=60))

    with pytest.raises(jwt.ImmatureSignatureError):
        decode(url)


@override_settings(MEETINGS_VIDEO=JITSI)
def test_jitsi_opens_no_room_beforehand():
    assert video_provider().create_url(join_request()) is None


# BigBlueButton


def split_checksum(url):
    """The call's name, the query string exactly as sent without the checksum, the checksum."""
    parts = urlsplit(url)
    query, _, signature = parts.query.rpartition("&checksum=")
    return parts.path.rsplit("/", 1)[1], query, signature


@pytest.mark.parametrize("algorithm", ["sha1", "sha256"])
def test_bigbluebuttons_create_call_carries_the_checksum_its_server_recomputes(algorithm):
    request = join_request()
    with override_settings(MEETINGS_VIDEO=bbb(checksum=algorithm)):
        url = video_provider().create_url(request)

    call, query, signature = split_checksum(url)
    assert url.startswith("https://bbb.lyceum.example/bigbluebutton/api/create?")
    assert call == "create"
    assert signature == hashlib.new(algorithm, (call + query + BBB_SECRET).encode()).hexdigest()
    params = dict(parse_qsl(query))
    assert params["meetingID"] == request.room_name
    assert params["name"] == "Консультация"
    assert params["guestPolicy"] == "ASK_MODERATOR"
    assert params["record"] == "false"


@pytest.mark.parametrize("algorithm", ["sha1", "sha256"])
def test_bigbluebuttons_join_address_carries_the_checksum_its_server_recomputes(algorithm):
    request = join_request(display_name="Маша К. & Co")
    with override_settings(MEETINGS_VIDEO=bbb(checksum=algorithm)):
        url = video_provider().join_url(request)

    call, query, signature = split_checksum(url)
    assert call == "join"
    assert signature == hashlib.new(algorithm, (call + query + BBB_SECRET).encode()).hexdigest()
    params = dict(parse_qsl(query))
    assert params["meetingID"] == request.room_name
    assert params["fullName"] == "Маша К. & Co"
    assert params["userID"] == "user-7"
    assert params["redirect"] == "true"


def test_a_changed_bigbluebutton_address_no_longer_matches_its_checksum():
    with override_settings(MEETINGS_VIDEO=bbb()):
        url = video_provider().join_url(join_request())
    call, query, signature = split_checksum(url.replace("role=VIEWER", "role=MODERATOR"))

    assert signature != hashlib.sha256((call + query + BBB_SECRET).encode()).hexdigest()


@override_settings(MEETINGS_VIDEO=bbb())
def test_a_pupil_joins_bigbluebutton_as_a_viewer_and_guest_who_waits_for_the_moderator():
    params = dict(parse_qsl(urlsplit(video_provider().join_url(join_request())).query))

    assert params["role"] == "VIEWER"
    assert params["guest"] == "true"
    assert "email" not in str(params).lower()


@override_settings(MEETINGS_VIDEO=bbb())
def test_the_host_joins_bigbluebutton_as_moderator_with_the_moderator_password():
    request = host_request()
    provider = video_provider()

    host = dict(parse_qsl(urlsplit(provider.join_url(request)).query))
    created = dict(parse_qsl(urlsplit(provider.create_url(request)).query))

    assert host["role"] == "MODERATOR" and "guest" not in host
    assert host["password"] == created["moderatorPW"] != created["attendeePW"]
    assert "anna@lyceum.example" not in provider.join_url(request)


@override_settings(MEETINGS_VIDEO=bbb(url="https://bbb.lyceum.example/bigbluebutton/api"))
def test_the_bigbluebutton_address_may_be_given_with_or_without_api():
    url = video_provider().create_url(join_request())

    assert url.startswith("https://bbb.lyceum.example/bigbluebutton/api/create?")


@override_settings(MEETINGS_VIDEO=bbb())
def test_creating_the_same_bigbluebutton_room_twice_sends_the_same_call():
    request = join_request()

    assert video_provider().create_url(request) == video_provider().create_url(request)


# The plain link


def test_the_external_provider_hands_out_the_rooms_own_link():
    request = join_request(external_url="https://telemost.yandex.ru/j/12345678901234")

    assert video_provider().join_url(request) == "https://telemost.yandex.ru/j/12345678901234"
    assert video_provider().create_url(request) is None
    assert open_join_url(request) == "https://telemost.yandex.ru/j/12345678901234"


def test_a_room_without_a_link_tells_the_host_to_set_it():
    with pytest.raises(VideoError) as refused:
        video_provider().join_url(join_request())

    assert "Ведущему нужно" in refused.value.message
    assert "Телемост" in refused.value.message
    assert "external_url" in refused.value.admin_detail


def test_every_provider_answers_the_one_interface():
    for config in ({"PROVIDER": "external"}, JITSI, bbb()):
        with override_settings(MEETINGS_VIDEO=config):
            provider = video_provider()
            assert isinstance(provider, VideoProvider)
            assert provider.name == config["PROVIDER"]


def test_the_provider_follows_a_change_of_settings():
    with override_settings(MEETINGS_VIDEO=JITSI):
        assert video_provider().name == "jitsi"
    with override_settings(MEETINGS_VIDEO={**JITSI, "JITSI_URL": "https://video.example"}):
        assert video_provider().join_url(join_request()).startswith("https://video.example/")
    assert video_provider().name == "external"


@override_settings(MEETINGS_VIDEO={"PROVIDER": "jitsi", "JITSI_URL": "https://meet.example"})
def test_an_incomplete_configuration_tells_the_person_plainly_and_the_admin_what_is_missing():
    with pytest.raises(VideoError) as refused:
        video_provider()

    assert "администратору" in refused.value.message
    assert "JITSI_APP_ID" in refused.value.admin_detail
    assert "JITSI_APP_SECRET" in refused.value.admin_detail


def test_a_window_must_be_aware_and_end_after_it_starts():
    now = timezone.now()
    with pytest.raises(ValueError):
        join_request(not_before=now.replace(tzinfo=None))
    with pytest.raises(ValueError):
        join_request(not_before=now, expires_at=now)


# open_join_url against a BigBlueButton on 127.0.0.1


SUCCESS = b"""<response><returncode>SUCCESS</returncode><meetingID>x</meetingID>
<createTime>1700000000123</createTime><messageKey>duplicateWarning</messageKey>
<message>This conference was already in existence.</message></response>"""
FAILED = b"""<response><returncode>FAILED</returncode><messageKey>checksumError</messageKey>
<message>Checksums do not match</message></response>"""


@pytest.fixture
def local_bbb():
    """A tiny BigBlueButton stand-in: answers `answer`, records the calls it received."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            server.calls.append(self.path)
            body = server.answer
            self.send_response(200)
            self.send_header("Content-Type", "text/xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.calls, server.answer = [], SUCCESS
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    server.url = f"http://127.0.0.1:{server.server_address[1]}/bigbluebutton/"
    yield server
    server.shutdown()
    server.server_close()


def test_open_join_url_creates_the_bigbluebutton_room_then_returns_a_join_address(local_bbb):
    request = join_request()
    with override_settings(MEETINGS_VIDEO=bbb(url=local_bbb.url)):
        url = open_join_url(request)

    [created] = local_bbb.calls
    call, query, signature = split_checksum(created)
    assert call == "create"
    assert signature == hashlib.sha256((call + query + BBB_SECRET).encode()).hexdigest()
    assert dict(parse_qsl(query))["meetingID"] == request.room_name
    call, query, signature = split_checksum(url)
    assert call == "join"
    assert signature == hashlib.sha256((call + query + BBB_SECRET).encode()).hexdigest()
    # The address is tied to this session of the room, not to every later one.
    assert dict(parse_qsl(query))["createTime"] == "1700000000123"


def test_open_join_url_says_plainly_when_bigbluebutton_refuses(local_bbb):
    local_bbb.answer = FAILED
    with override_settings(MEETINGS_VIDEO=bbb(url=local_bbb.url)):
        with pytest.raises(VideoError) as refused:
            open_join_url(join_request())

    assert "Попробуйте войти через минуту" in refused.value.message
    assert "checksumError" in refused.value.admin_detail
    assert "BBB_SECRET" in refused.value.admin_detail


def test_open_join_url_says_plainly_when_bigbluebutton_answers_something_else(local_bbb):
    local_bbb.answer = b"<html><body>502 Bad Gateway</body></html>"
    with override_settings(MEETINGS_VIDEO=bbb(url=local_bbb.url)):
        with pytest.raises(VideoError) as refused:
            open_join_url(join_request())

    assert "администратору" in refused.value.message


def test_open_join_url_says_plainly_when_bigbluebutton_does_not_answer(local_bbb):
    url = local_bbb.url
    local_bbb.shutdown()
    local_bbb.server_close()
    with override_settings(MEETINGS_VIDEO={**bbb(url=url), "TIMEOUT": 1}):
        with pytest.raises(VideoError) as refused:
            open_join_url(join_request())

    assert "не отвечает" in refused.value.message
    assert "checksum" not in refused.value.admin_detail


# manage.py check


def ids(messages):
    return [message.id for message in messages]


def test_the_default_external_provider_needs_no_settings():
    with override_settings(MEETINGS_VIDEO={"PROVIDER": "external"}):
        assert check_video_settings() == []


def test_the_check_names_what_jitsi_is_missing():
    with override_settings(MEETINGS_VIDEO={"PROVIDER": "jitsi", "JITSI_URL": "https://m.ex"}):
        [error] = check_video_settings()

    assert error.id == "meetings.E002"
    assert "JITSI_APP_ID and JITSI_APP_SECRET are not set" in error.msg
    assert "nobody could join a meeting" in error.msg


def test_the_check_warns_of_a_short_jitsi_secret():
    with override_settings(MEETINGS_VIDEO={**JITSI, "JITSI_APP_SECRET": "short-secret"}):
        [warning] = check_video_settings()

    assert warning.id == "meetings.W001"
    assert "12 characters long" in warning.msg
    assert "openssl rand -hex 32" in warning.hint


def test_a_complete_jitsi_configuration_passes_the_check():
    with override_settings(MEETINGS_VIDEO=JITSI):
        assert check_video_settings() == []


def test_the_check_names_what_bigbluebutton_is_missing_and_an_unknown_checksum():
    config = {"PROVIDER": "bigbluebutton", "BBB_SECRET": "", "BBB_CHECKSUM": "md5"}
    with override_settings(MEETINGS_VIDEO=config):
        messages = check_video_settings()

    assert ids(messages) == ["meetings.E003", "meetings.E004"]
    assert "BBB_URL and BBB_SECRET are not set" in messages[0].msg
    assert "bbb-conf --secret" in messages[0].hint
    assert "'md5'" in messages[1].msg


def test_the_check_refuses_an_unknown_provider():
    with override_settings(MEETINGS_VIDEO={"PROVIDER": "zoom"}):
        [error] = check_video_settings()

    assert error.id == "meetings.E001"
    assert "'zoom'" in error.msg


def test_the_check_is_registered_with_django():
    from django.core import checks

    with override_settings(MEETINGS_VIDEO={"PROVIDER": "zoom"}):
        assert "meetings.E001" in ids(checks.run_checks(tags=["meetings"]))
