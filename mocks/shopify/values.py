"""Pure value helpers: money strings, shop-local timestamps, tags, handles, phones and addresses."""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

CENT = Decimal("0.01")

# Countries and provinces the mock normalises (code <-> name); others pass through as given.
COUNTRIES = {
    "US": "United States", "CA": "Canada", "GB": "United Kingdom", "DE": "Germany", "FR": "France",
    "AU": "Australia", "NL": "Netherlands", "IE": "Ireland", "ES": "Spain", "IT": "Italy", "JP": "Japan",
    "MX": "Mexico", "NZ": "New Zealand", "SE": "Sweden", "CH": "Switzerland", "BE": "Belgium",
}
PROVINCES = {
    "CA": {"AB": "Alberta", "BC": "British Columbia", "MB": "Manitoba", "NB": "New Brunswick",
           "NL": "Newfoundland and Labrador", "NS": "Nova Scotia", "ON": "Ontario",
           "PE": "Prince Edward Island", "QC": "Quebec", "SK": "Saskatchewan"},
    "US": {"AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "CA": "California", "CO": "Colorado",
           "CT": "Connecticut", "FL": "Florida", "GA": "Georgia", "IL": "Illinois", "KY": "Kentucky",
           "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota", "NJ": "New Jersey", "NY": "New York",
           "NC": "North Carolina", "OH": "Ohio", "OR": "Oregon", "PA": "Pennsylvania", "TX": "Texas",
           "VA": "Virginia", "WA": "Washington", "WI": "Wisconsin", "DC": "District of Columbia"},
    "AU": {"NSW": "New South Wales", "VIC": "Victoria", "QLD": "Queensland", "WA": "Western Australia",
           "SA": "South Australia", "TAS": "Tasmania", "ACT": "Australian Capital Territory",
           "NT": "Northern Territory"},
}
ADDRESS_FIELDS = ("first_name", "last_name", "company", "address1", "address2", "city", "province",
                  "country", "zip", "phone")


def money(value: object, field: str = "price") -> Decimal:
    """Parse a price (number or string) into cents precision; ``ValueError`` names the field."""
    try:
        amount = Decimal(str(value if value is not None else "0")).quantize(CENT, rounding=ROUND_HALF_UP)
    except (InvalidOperation, ValueError) as error:
        raise ValueError(field) from error
    if not amount.is_finite() or amount < 0 or amount > Decimal("1e12"):
        raise ValueError(field)
    return amount


def fmt_money(amount: Decimal) -> str:
    return str(amount.quantize(CENT, rounding=ROUND_HALF_UP))


def money_set(amount: Decimal, currency: str) -> dict:
    value = {"amount": fmt_money(amount), "currency_code": currency}
    return {"shop_money": value, "presentment_money": dict(value)}


def shop_zone(name: str) -> ZoneInfo | type[UTC]:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return UTC


def fmt_time(moment: datetime | None, zone: object = UTC) -> str | None:
    """Shopify's timestamps: seconds precision with the shop's offset (``2024-10-02T09:24:09-05:00``)."""
    if moment is None:
        return None
    return moment.astimezone(zone).isoformat(timespec="seconds")  # type: ignore[arg-type]


def truncate(moment: datetime) -> datetime:
    return moment.replace(microsecond=0)


# The instants a timestamp may hold: a day inside datetime's range at each end, so that every one of
# them can be written in any shop's offset (year 1 at -05:00 would be year 0, which does not exist).
EARLIEST = datetime(1, 1, 2, tzinfo=UTC)
LATEST = datetime(9999, 12, 30, tzinfo=UTC)


def parse_time(value: str) -> datetime:
    """Parse an ISO 8601 value (date only means midnight UTC); ``ValueError`` when it is not one, or names
    an instant that cannot be written in every offset (before 0001-01-02 or after 9999-12-30 UTC)."""
    text = value.strip().replace(" ", "+") if "T" in value else value.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    parsed = datetime.fromisoformat(text)
    parsed = parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    try:
        instant = parsed.astimezone(UTC)
    except OverflowError:
        raise ValueError(value) from None
    if not EARLIEST <= instant <= LATEST:
        raise ValueError(value)
    return instant


def tags_string(value: object) -> str:
    """Tags as Shopify stores them: trimmed, de-duplicated, sorted, joined with ``", "``."""
    if value is None:
        return ""
    items = value if isinstance(value, list) else str(value).split(",")
    seen: dict[str, str] = {}
    for item in items:
        tag = str(item).strip()
        if tag and tag.lower() not in seen:
            seen[tag.lower()] = tag
    return ", ".join(sorted(seen.values(), key=str.lower))


def slugify(title: str) -> str:
    text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "product"


_PHONE_SEPARATORS = re.compile(r"[\s\-().]")


def normalize_phone(value: object) -> str | None:
    """E.164 as Shopify stores it; ``ValueError`` for anything that is not a phone number."""
    if value is None or value == "":
        return None
    text = _PHONE_SEPARATORS.sub("", str(value))
    if re.fullmatch(r"\+[1-9]\d{6,14}", text):
        return text
    if re.fullmatch(r"\d{10}", text):  # a bare North American number, as Shopify accepts for US shops
        return "+1" + text
    if re.fullmatch(r"1\d{10}", text):
        return "+" + text
    raise ValueError("phone")


def normalize_address(raw: dict) -> dict:
    """Fill country/province names and codes from either form (``ON``/``CA`` -> Ontario, Canada)."""
    address = {key: (None if raw.get(key) in (None, "") else str(raw.get(key))) for key in ADDRESS_FIELDS}
    country = address["country"] or raw.get("country_code") or raw.get("country_name")
    code = None
    if country:
        upper = str(country).upper()
        if upper in COUNTRIES:
            code = upper
        else:
            code = next((c for c, n in COUNTRIES.items() if n.lower() == str(country).lower()), None)
    address["country_code"] = code
    address["country"] = COUNTRIES.get(code, country) if code else country
    address["country_name"] = address["country"]
    province = address["province"] or raw.get("province_code")
    province_code = None
    if province and code in PROVINCES:
        table = PROVINCES[code]
        upper = str(province).upper()
        if upper in table:
            province_code = upper
        else:
            province_code = next((p for p, n in table.items() if n.lower() == str(province).lower()), None)
        if province_code:
            province = table[province_code]
    address["province"] = province
    address["province_code"] = province_code or (raw.get("province_code") or None)
    names = [address["first_name"], address["last_name"]]
    address["name"] = " ".join(n for n in names if n) or None
    return address
