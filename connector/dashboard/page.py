"""The dashboard page as one HTML string, from the JSON documents of ``compute_all`` and
``compute_workflows`` (pure: the same documents always give the same page).

Every report is a ``<section id="R1" data-report="R1">``; its key figures carry
``data-figure="name"`` and ``data-value="raw value from the JSON"`` so a test can read them back.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from html import escape
from importlib import resources

from connector.dashboard.logbuffer import LogLine
from connector.dashboard.svg import PALETTE, Bar, columns, donut, gauge, hbars

STAGE_COLORS = {"checkout_abandoned": "#f2545b", "checkout_pending": "#f5c26b", "checkout_completed": "#7c98b6",
                "processed": "#00a4bd", "shipped": "#00bda5", "cancelled": "#516f90"}


def money(amounts: Mapping[str, str]) -> str:
    """``{"USD": "1234.5"}`` as ``USD 1,234.50``; several currencies joined; none as ``-``."""
    return ", ".join(f"{cur} {Decimal(value):,.2f}" for cur, value in amounts.items()) or "-"


def deal_count(counts: Mapping[str, int]) -> str:
    """Won deals per currency as a count: ``8``; with several currencies ``8 (USD 5, EUR 3)``."""
    total = sum(int(n) for n in counts.values())
    if len(counts) <= 1:
        return f"{total:,}"
    return f"{total:,} (" + ", ".join(f"{cur} {n}" for cur, n in counts.items()) + ")"


def percent(value: str | None) -> str:
    return "-" if value is None else f"{Decimal(value) * 100:.1f}%"


def fig(name: str, value: object, text: str | None = None, tag: str = "td") -> str:
    """A figure the browser test reads: ``data-value`` is the raw JSON value, the text is what people see."""
    raw = "" if value is None else (value if isinstance(value, str) else _raw(value))
    shown = text if text is not None else str(raw)
    return f'<{tag} data-figure="{escape(name)}" data-value="{escape(str(raw))}">{escape(shown)}</{tag}>'


def _raw(value: object) -> str:
    if isinstance(value, Mapping):
        return ";".join(f"{k}={v}" for k, v in value.items())
    return str(value)


def _amount(amounts: Mapping[str, str], currency: str) -> float:
    return float(Decimal(amounts.get(currency, "0")))


def _table(headers: Sequence[str], rows: Sequence[str], cls: str = "") -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    return f'<table class="{cls}"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def _card(key: str, title: str, note: str, body: str, wide: bool = False) -> str:
    return (f'<section class="card report{" wide" if wide else ""}" id="{key}" data-report="{key}">'
            f'<header><span class="badge">{key}</span><h2>{escape(title)}</h2></header>'
            f'<p class="note">{escape(note)}</p>{body}</section>')


def _period(period: Mapping) -> str:
    if period.get("first_second") is None:
        return "all time"
    return f"{period['first_second'][:10]} → {period['last_second'][:10]}"


def r1(r: Mapping, cur: str) -> str:
    bars = [Bar(s["label"], s["count"], f"{s['count']}", STAGE_COLORS.get(s["stage"], PALETTE[0])) for s in r["stages"]]
    rows = [f'<tr data-stage="{escape(s["stage"])}"><td>{escape(s["label"])}</td>'
            f'{fig("count:" + s["stage"], s["count"])}{fig("amount:" + s["stage"], s["amount"], money(s["amount"]))}</tr>'
            for s in r["stages"]]
    rows.append(f'<tr class="total"><td>Total</td>{fig("count", r["count"])}{fig("amount", r["amount"], money(r["amount"]))}</tr>')
    body = hbars(bars, title="deals by stage") + _table(["Stage", "Deals", "Amount"], rows)
    return _card("R1", r["title"], f"Deals created {_period(r['period'])}, by stage", body)


def r2(r: Mapping, cur: str) -> str:
    bars = [Bar(d["day"][5:], _amount(d["amount"], cur), money({cur: d["amount"].get(cur, "0")}), PALETTE[1])
            for d in r["days"]]
    kpis = (f'<div class="kpis"><div>{fig("count", r["count"], tag="strong")}<span>won deals</span></div>'
            f'<div>{fig("amount", r["amount"], money(r["amount"]), tag="strong")}<span>processed</span></div></div>')
    return _card("R2", r["title"], f"Won deals by close day, {_period(r['period'])} (chart in {cur})",
                 kpis + columns(bars, title="sales per day", scale=lambda v: f"{cur} {v:,.0f}"))


def r3(r: Mapping, cur: str) -> str:
    parts = [("new", "New customers", PALETTE[0]), ("existing", "Existing customers", PALETTE[1]),
             ("no_contact", "Guest checkouts", PALETTE[2])]
    ring = donut([Bar(label, _amount(r[key]["amount"], cur), money(r[key]["amount"]), color)
                  for key, label, color in parts], f"{sum(r[k]['count'] for k, _, _ in parts)}", "won deals")
    rows = [f'<tr><td><i class="dot" style="background:{color}"></i>{label}</td>{fig("count:" + key, r[key]["count"])}'
            f'{fig("amount:" + key, r[key]["amount"], money(r[key]["amount"]))}</tr>' for key, label, color in parts]
    body = f'<div class="split">{ring}{_table(["Business", "Deals", "Amount"], rows)}</div>'
    return _card("R3", r["title"], f"Won amount {_period(r['period'])}: a contact's first won deal vs later ones", body)


def r4(r: Mapping, cur: str) -> str:
    bars = [Bar(s["source"], _amount(s["amount"], cur), money({cur: s["amount"].get(cur, "0")}), PALETTE[i % 8])
            for i, s in enumerate(r["sources"])]
    rows = [f'<tr data-source="{escape(s["source"])}"><td>{escape(s["source"])}</td>{fig("customers:" + s["source"], s["customers"])}'
            f'{fig("deals:" + s["source"], s["deals"])}{fig("amount:" + s["source"], s["amount"], money(s["amount"]))}</tr>'
            for s in r["sources"]]
    body = hbars(bars, title="lifetime value by source") + _table(["Original source", "Customers", "Won deals", "Amount"], rows)
    return _card("R4", r["title"], f"All time, by the contact's original source (chart in {cur})", body)


def r5(r: Mapping, cur: str) -> str:
    bars = [Bar(s["source"], _amount(s["average"], cur), money({cur: s["average"].get(cur, "0")}), PALETTE[(i + 3) % 8])
            for i, s in enumerate(r["sources"])]
    rows = [f'<tr data-source="{escape(s["source"])}"><td>{escape(s["source"])}</td>'
            f'{fig("deals:" + s["source"], s["deals"], deal_count(s["deals"]))}'
            f'{fig("average:" + s["source"], s["average"], money(s["average"]))}</tr>' for s in r["sources"]]
    body = hbars(bars, title="average order value by source") + _table(["Original source", "Won deals", "Average"], rows)
    return _card("R5", r["title"], f"All time, won amount ÷ won deals per currency (chart in {cur})", body)


def r6(r: Mapping, cur: str) -> str:
    progress = float(r["progress"]) if r["progress"] is not None else None
    ring = gauge(progress, percent(r["progress"]), "of goal", color=PALETTE[3] if r["reached"] else PALETTE[0])
    rows = [f"<tr><td>Goal</td>{fig('goal', r['goal'], money({r['goal_currency']: r['goal']}))}</tr>",
            f"<tr><td>Won this month</td>{fig('won', r['won'], money(r['won']))}</tr>",
            f"<tr><td>Won deals</td>{fig('count', r['count'])}</tr>",
            f"<tr><td>Progress</td>{fig('progress', r['progress'], percent(r['progress']))}</tr>",
            f"<tr><td>Remaining</td>{fig('remaining', r['remaining'], money({r['goal_currency']: r['remaining']}))}</tr>",
            f"<tr><td>Reached</td>{fig('reached', str(r['reached']).lower(), 'yes' if r['reached'] else 'no')}</tr>"]
    body = f'<div class="split">{ring}{_table(["Measure", "Value"], rows)}</div>'
    return _card("R6", r["title"], f"Calendar month {_period(r['month'])}", body)


def r7(r: Mapping, cur: str) -> str:
    bars = [Bar(r["last_month"]["name"].replace("_", " "), r["last_month_count"], str(r["last_month_count"]), PALETTE[2]),
            Bar(r["this_month"]["name"].replace("_", " "), r["this_month_count"], str(r["this_month_count"]), PALETTE[0])]
    delta = r["delta"]
    trend = "up" if delta > 0 else "down" if delta < 0 else "flat"
    kpis = (f'<div class="kpis"><div>{fig("this_month", r["this_month_count"], tag="strong")}<span>new this month</span></div>'
            f'<div>{fig("last_month", r["last_month_count"], tag="strong")}<span>last month</span></div>'
            f'<div class="{trend}">{fig("delta", delta, f"{delta:+d}", tag="strong")}'
            f'<span>{escape(percent(r["change"]))} change</span></div></div>')
    return _card("R7", r["title"], "Contacts whose first won deal closed this month vs last month",
                 kpis + hbars(bars, label_width=110, title="net new customers"))


def r8(r: Mapping, cur: str) -> str:
    ab, rec = r["abandoned"], r["recovered"]
    ring = gauge(float(r["rate"]) if r["rate"] is not None else None, percent(r["rate"]), "recovered",
                 color=PALETTE[3])
    rows = [f"<tr><td>Abandoned</td>{fig('abandoned', ab['count'])}{fig('abandoned_amount', ab['amount'], money(ab['amount']))}</tr>",
            f"<tr><td>Recovered</td>{fig('recovered', rec['count'])}{fig('recovered_amount', rec['amount'], money(rec['amount']))}</tr>",
            f"<tr><td>Rate</td>{fig('rate', r['rate'], percent(r['rate']))}<td></td></tr>"]
    body = f'<div class="split">{ring}{_table(["Carts", "Deals", "Amount"], rows)}</div>'
    return _card("R8", r["title"], f"Deals that entered Checkout Abandoned {_period(r['period'])}", body)


RENDERERS = {"R1": r1, "R2": r2, "R3": r3, "R4": r4, "R5": r5, "R6": r6, "R7": r7, "R8": r8}


def _workflows(doc: Mapping) -> str:
    cards = "".join(f'<div data-workflow="{key}"><strong>{flow["enrolled"]}</strong><span>{key} {escape(flow["title"])}'
                    f'<br>{flow["active"]} still enrolled</span></div>' for key, flow in doc["workflows"].items())
    recent = sorted((e for flow in doc["workflows"].values() for e in flow["enrollments"]),
                    key=lambda e: e["enrolled_at"], reverse=True)[:8]
    rows = [f'<tr><td>{escape(e["workflow"])}</td><td>{escape(e["object_type"])} {escape(e["object_id"])}</td>'
            f'<td>{escape(e["enrolled_at"][:16].replace("T", " "))}</td><td>{escape(e["reason"])}</td></tr>' for e in recent]
    return (f'<section class="card wide" id="workflows"><header><span class="badge">W</span><h2>Workflow enrollments</h2>'
            f'</header><div class="kpis">{cards}</div>{_table(["Workflow", "Record", "Enrolled", "Why"], rows, "small")}</section>')


def _number(n: int | None) -> str:
    return "-" if n is None else f"{n:,}"


def _counts(counts: Mapping[str, int | None], synced: Mapping[str, int] | None = None) -> str:
    """One tile per object: with ``synced`` (the connector's totals, as in its summary) the big number
    is what the connector synced and the small line what HubSpot holds in all; else HubSpot's count."""
    items = []
    for name, n in counts.items():
        label = escape(name.replace("_", " ").capitalize())
        if synced is None:
            items.append(f'<div class="count" data-object="{escape(name)}" data-hubspot="{_number(n)}">'
                         f'<strong>{_number(n)}</strong><span>{label} in HubSpot</span></div>')
            continue
        mine = int(synced.get(name, 0))
        items.append(f'<div class="count" data-object="{escape(name)}" data-synced="{mine}" data-hubspot="{_number(n)}">'
                     f'<strong>{mine:,}</strong><span>{label} synced · {_number(n)} in HubSpot</span></div>')
    heading = "synced by the connector (its summary's totals) and held in HubSpot" if synced is not None else \
        "records in HubSpot"
    return f'<section class="counts" id="records" aria-label="{heading}">{"".join(items)}</section>'


def _logs(lines: Sequence[LogLine]) -> str:
    rows = "".join(f'<li class="{escape(line.level.lower())}"><time>{escape(line.at.strftime("%b %d %H:%M") if line.at else "")}'
                   f'</time>{escape(line.message)}</li>' for line in reversed(lines))
    return (f'<section class="card wide" id="activity"><header><span class="badge">⟳</span><h2>Recent sync actions</h2>'
            f'</header><ol class="log">{rows or "<li>No sync activity captured yet.</li>"}</ol></section>')


def render_page(reports: Mapping, workflows: Mapping | None, counts: Mapping[str, int | None],
                logs: Sequence[LogLine], *, chart_currency: str = "USD", title: str = "Ecommerce dashboard",
                links: Mapping[str, str] | None = None, synced: Mapping[str, int] | None = None) -> str:
    """The whole page: header, record counts, R1-R8, workflows and recent sync actions."""
    css = resources.files("connector.dashboard").joinpath("dashboard.css").read_text(encoding="utf-8")
    nav = "".join(f'<a href="{escape(url)}">{escape(name)}</a>' for name, url in (links or {}).items())
    cards = "".join(RENDERERS[key](reports["reports"][key], chart_currency) for key in RENDERERS)
    flows = _workflows(workflows) if workflows else ""
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>'
            f'<meta name="viewport" content="width=device-width, initial-scale=1"><style>{css}</style></head><body>'
            f'<header class="top"><div><h1>{escape(title)}</h1><p>Reports at <b data-now="{escape(reports["now"])}">'
            f'{escape(reports["now"][:16].replace("T", " "))} UTC</b> · period <b>{escape(reports["period"]["name"])}</b>'
            f' · won stages {escape(", ".join(reports["won_stages"]))}</p></div><nav>{nav}</nav></header>'
            f'<main>{_counts(counts, synced)}<div class="grid">{cards}{flows}{_logs(logs)}</div></main>'
            f'<footer>Computed through the HubSpot CRM API by connector.reporting.figures · no scripts, no external assets</footer>'
            f'</body></html>')
