"""Read the dashboard's figures back from HTML, and the figures R1-R8 should show, from compute_all."""

from __future__ import annotations

from html.parser import HTMLParser


class FigureParser(HTMLParser):
    """Collects ``data-figure`` elements per ``data-report`` section: (report, figure) -> (value, text)."""

    def __init__(self) -> None:
        super().__init__()
        self.report: str | None = None
        self.depth = 0  # open elements inside the current report section
        self.current: tuple[str, str] | None = None
        self.text: list[str] = []
        self.figures: dict[tuple[str, str], tuple[str, str]] = {}
        self.reports: list[str] = []
        self.svgs: dict[str, int] = {}

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = dict(attrs)
        if self.report is None and a.get("data-report"):
            self.report, self.depth = a["data-report"], 0
            self.reports.append(self.report)
        elif self.report is not None:
            self.depth += 1
            if tag == "svg":
                self.svgs[self.report] = self.svgs.get(self.report, 0) + 1
            if "data-figure" in a:
                self.current = (a["data-figure"], a.get("data-value") or "")
                self.text = []

    def handle_endtag(self, tag: str) -> None:
        if self.report is None:
            return
        if self.current is not None and tag in ("td", "strong"):
            name, value = self.current
            self.figures[(self.report, name)] = (value, "".join(self.text).strip())
            self.current = None
        if self.depth == 0:
            self.report = None
        else:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.current is not None:
            self.text.append(data)


def parse(html: str) -> FigureParser:
    parser = FigureParser()
    parser.feed(html)
    return parser


def _money(amounts: dict) -> str:
    return ";".join(f"{k}={v}" for k, v in amounts.items())


def _v(value: object) -> str:
    return "" if value is None else str(value)


def expected(doc: dict) -> dict[tuple[str, str], str]:
    """What each figure's ``data-value`` must be, straight from ``compute_all``'s JSON."""
    r = doc["reports"]
    want: dict[tuple[str, str], str] = {}
    for s in r["R1"]["stages"]:
        want[("R1", f"count:{s['stage']}")] = str(s["count"])
        want[("R1", f"amount:{s['stage']}")] = _money(s["amount"])
    want[("R1", "count")], want[("R1", "amount")] = str(r["R1"]["count"]), _money(r["R1"]["amount"])
    want[("R2", "count")], want[("R2", "amount")] = str(r["R2"]["count"]), _money(r["R2"]["amount"])
    for key in ("new", "existing", "no_contact"):
        want[("R3", f"count:{key}")] = str(r["R3"][key]["count"])
        want[("R3", f"amount:{key}")] = _money(r["R3"][key]["amount"])
    for s in r["R4"]["sources"]:
        want[("R4", f"customers:{s['source']}")] = str(s["customers"])
        want[("R4", f"deals:{s['source']}")] = str(s["deals"])
        want[("R4", f"amount:{s['source']}")] = _money(s["amount"])
    for s in r["R5"]["sources"]:
        want[("R5", f"deals:{s['source']}")] = _money(s["deals"])
        want[("R5", f"average:{s['source']}")] = _money(s["average"])
    r6 = r["R6"]
    want.update({("R6", "goal"): r6["goal"], ("R6", "won"): _money(r6["won"]), ("R6", "count"): str(r6["count"]),
                 ("R6", "progress"): _v(r6["progress"]), ("R6", "remaining"): r6["remaining"],
                 ("R6", "reached"): str(r6["reached"]).lower()})
    r7 = r["R7"]
    want.update({("R7", "this_month"): str(r7["this_month_count"]), ("R7", "last_month"): str(r7["last_month_count"]),
                 ("R7", "delta"): str(r7["delta"])})
    r8 = r["R8"]
    want.update({("R8", "abandoned"): str(r8["abandoned"]["count"]), ("R8", "recovered"): str(r8["recovered"]["count"]),
                 ("R8", "abandoned_amount"): _money(r8["abandoned"]["amount"]),
                 ("R8", "recovered_amount"): _money(r8["recovered"]["amount"]), ("R8", "rate"): _v(r8["rate"])})
    return want
