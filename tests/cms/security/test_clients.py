"""The client address comes from our own proxies' entries, never from what a client wrote."""

from django.test import RequestFactory

from cms.security.clients import client_address, client_key

factory = RequestFactory()


def request(remote="10.0.0.2", forwarded=None):
    headers = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return factory.get("/api/search", REMOTE_ADDR=remote, **headers)


def test_without_trusted_proxies_a_forwarded_header_is_ignored(settings):
    settings.TRUSTED_PROXY_HOPS = 0

    assert client_address(request(remote="198.51.100.4", forwarded="1.2.3.4")) == "198.51.100.4"


def test_behind_one_proxy_the_address_it_saw_counts_not_the_spoofed_leftmost(settings):
    settings.TRUSTED_PROXY_HOPS = 1
    # The client sent "X-Forwarded-For: 1.2.3.4"; nginx appended the address it saw.
    spoofed = request(remote="127.0.0.1", forwarded="1.2.3.4, 198.51.100.4")

    assert client_address(spoofed) == "198.51.100.4"


def test_behind_two_proxies_the_second_entry_from_the_right_counts(settings):
    settings.TRUSTED_PROXY_HOPS = 2
    chain = request(remote="10.0.0.1", forwarded="6.6.6.6, 198.51.100.4, 10.0.0.9")

    assert client_address(chain) == "198.51.100.4"


def test_a_forged_value_that_is_not_an_address_falls_back_to_the_peer(settings):
    settings.TRUSTED_PROXY_HOPS = 1

    assert client_address(request(remote="10.0.0.2", forwarded="<script>")) == "10.0.0.2"


def test_one_ipv6_household_shares_one_limit(settings):
    settings.TRUSTED_PROXY_HOPS = 0

    first = client_key(request(remote="2001:db8:1:2::10"))
    second = client_key(request(remote="2001:db8:1:2:ffff::1"))
    elsewhere = client_key(request(remote="2001:db8:1:3::10"))

    assert first == second == "2001:db8:1:2::/64"
    assert elsewhere != first


def test_an_ipv4_client_is_limited_by_its_own_address(settings):
    settings.TRUSTED_PROXY_HOPS = 0

    assert client_key(request(remote="198.51.100.4")) == "198.51.100.4"
    assert client_key(request(remote="::ffff:198.51.100.4")) == "198.51.100.4"
