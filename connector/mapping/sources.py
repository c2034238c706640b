"""C7: the original source of contacts created after setup, from the order/checkout's
``source_name``, ``referring_site`` and ``landing_site`` [decided mapping, configurable]."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from urllib.parse import parse_qs, urlparse

from connector import names

DEFAULT_HOSTS: Mapping[str, tuple[str, ...]] = {
    "ORGANIC_SEARCH": ("google.", "bing.", "yahoo.", "duckduckgo.", "baidu.", "yandex.", "ecosia.", "qwant."),
    "SOCIAL_MEDIA": ("facebook.", "instagram.", "t.co", "twitter.", "x.com", "linkedin.", "pinterest.",
                     "tiktok.", "youtube.", "reddit.", "lnkd.in", "fb.me"),
    "EMAIL_MARKETING": ("mail.", "outlook.", "gmail."),
}
OFFLINE_CHANNELS = ("pos", "shopify_draft_order", "draft_order", "iphone", "android")
PAID_MEDIUMS = ("cpc", "ppc", "paid", "paidsearch", "paid_social", "paidsocial")


def host_of(url: str | None) -> str:
    if not url:
        return ""
    parsed = urlparse(url if "//" in url else f"//{url}")
    return (parsed.hostname or "").lower()


def _utm(landing_site: str | None) -> dict[str, str]:
    query = urlparse(landing_site or "").query
    return {k.lower(): v[0].lower() for k, v in parse_qs(query).items() if v}


def _matches(host: str, patterns: Sequence[str]) -> bool:
    return any(p in host if p.endswith(".") else host == p or host.endswith("." + p) for p in patterns)


def classify(source_name: str | None, referring_site: str | None, landing_site: str | None,
             hosts: Mapping[str, Sequence[str]] | None = None) -> dict[str, str]:
    """``hs_analytics_source`` and drill-downs 1/2.

    Drill-down 1 is the referring host (or the Shopify source name without a referrer); drill-down 2
    is the Shopify source name (``web``, ``pos`` ...)."""
    hosts = {**DEFAULT_HOSTS, **(hosts or {})}
    host = host_of(referring_site)
    utm = _utm(landing_site)
    medium = utm.get("utm_medium", "")
    channel = (source_name or "web").lower()
    paid = medium in PAID_MEDIUMS
    if medium == "email":
        source = "EMAIL_MARKETING"
    elif host and _matches(host, hosts["ORGANIC_SEARCH"]):
        source = "PAID_SEARCH" if paid or "gclid" in utm else "ORGANIC_SEARCH"
    elif host and _matches(host, hosts["SOCIAL_MEDIA"]):
        source = "PAID_SOCIAL" if paid else "SOCIAL_MEDIA"
    elif host and _matches(host, hosts["EMAIL_MARKETING"]):
        source = "EMAIL_MARKETING"
    elif host:
        source = "REFERRALS"
    elif channel in OFFLINE_CHANNELS:
        source = "OFFLINE"
    elif medium or utm.get("utm_source"):
        source = "OTHER_CAMPAIGNS"
    else:
        source = "DIRECT_TRAFFIC"
    return {names.SOURCE: source, names.SOURCE_DATA_1: host or channel, names.SOURCE_DATA_2: channel}


def import_source() -> dict[str, str]:
    """C6: contacts created by the initial import."""
    return {names.SOURCE: names.IMPORT_SOURCE, names.SOURCE_DATA_1: names.IMPORT_SOURCE_DATA_1,
            names.SOURCE_DATA_2: names.IMPORT_SOURCE_DATA_2}


def record_source(record: dict | None, hosts: Mapping[str, Sequence[str]] | None = None) -> dict[str, str]:
    """C7 for an order/checkout (or a bare customer record: no context means direct traffic)."""
    record = record or {}
    return classify(record.get("source_name"), record.get("referring_site"), record.get("landing_site"), hosts)
