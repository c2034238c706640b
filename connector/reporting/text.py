"""Plain-text pages for the CLI, drawn from the JSON documents of ``compute_all`` and
``compute_workflows`` so that the text and ``--json`` outputs can never disagree."""

from __future__ import annotations

from connector.reporting.render import money_text, section, table


def _period_note(period: dict) -> str:
    if period.get("first_second") is None:
        return f"period: {period['name']} (all time)"
    return f"period: {period['name']} ({period['first_second']} .. {period['last_second']})"


def _percent(value: str | None) -> str:
    return "-" if value is None else f"{float(value) * 100:.1f}%"


def reports_text(doc: dict) -> str:
    """The eight reports of a ``compute_all`` document as aligned tables."""
    r = doc["reports"]
    blocks = [f"Ecommerce reports at {doc['now']}; won stages: {', '.join(doc['won_stages'])}"]

    r1 = r["R1"]
    rows = [[s["label"], s["stage"], s["count"], money_text(s["amount"])] for s in r1["stages"]]
    rows.append(["Total", "", r1["count"], money_text(r1["amount"])])
    blocks.append(section(f"R1 {r1['title']}", table(["Stage", "Id", "Deals", "Amount"], rows),
                          _period_note(r1["period"]) + ", by createdate"))

    r2 = r["R2"]
    rows = [[d["day"], d["count"], money_text(d["amount"])] for d in r2["days"]]
    rows.append(["Total", r2["count"], money_text(r2["amount"])])
    blocks.append(section(f"R2 {r2['title']}", table(["Close day", "Won deals", "Amount"], rows),
                          _period_note(r2["period"])))

    r3 = r["R3"]
    rows = [[name, r3[key]["count"], money_text(r3[key]["amount"])]
            for key, name in (("new", "New (first won deal)"), ("existing", "Existing"), ("no_contact", "No contact"))]
    blocks.append(section(f"R3 {r3['title']}", table(["Business", "Won deals", "Amount"], rows),
                          _period_note(r3["period"]) + ", by closedate"))

    r4 = r["R4"]
    rows = [[s["source"], s["customers"], s["deals"], money_text(s["amount"])] for s in r4["sources"]]
    blocks.append(section(f"R4 {r4['title']}", table(["Original source", "Customers", "Won deals", "Amount"], rows),
                          "all time"))

    r5 = r["R5"]
    rows = [[s["source"], money_text(s["deals"]), money_text(s["amount"]), money_text(s["average"])]
            for s in r5["sources"]]
    blocks.append(section(f"R5 {r5['title']}", table(["Original source", "Won deals", "Amount", "Average"], rows),
                          "all time"))

    r6 = r["R6"]
    rows = [["Goal", f"{r6['goal_currency']} {r6['goal']}"],
            ["Won this month", money_text(r6["won"])],
            ["Won deals", r6["count"]],
            ["Progress", _percent(r6["progress"])],
            ["Remaining", f"{r6['goal_currency']} {r6['remaining']}"],
            ["Reached", "yes" if r6["reached"] else "no"]]
    blocks.append(section(f"R6 {r6['title']}", table(["Measure", "Value"], rows), _period_note(r6["month"])))

    r7 = r["R7"]
    rows = [["This month", r7["this_month_count"]], ["Last month", r7["last_month_count"]],
            ["Delta", r7["delta"]], ["Change", _percent(r7["change"])]]
    blocks.append(section(f"R7 {r7['title']}", table(["Net new customers", "Contacts"], rows),
                          f"{_period_note(r7['this_month'])} vs {r7['last_month']['name']}"))

    r8 = r["R8"]
    rows = [["Abandoned", r8["abandoned"]["count"], money_text(r8["abandoned"]["amount"])],
            ["Recovered", r8["recovered"]["count"], money_text(r8["recovered"]["amount"])],
            ["Rate", _percent(r8["rate"]), ""]]
    blocks.append(section(f"R8 {r8['title']}", table(["Carts", "Deals", "Amount"], rows),
                          _period_note(r8["period"]) + ", by date entered Checkout Abandoned"))
    return "\n\n".join(blocks) + "\n"


def workflows_text(doc: dict) -> str:
    """The enrollments of a ``compute_workflows`` document as aligned tables."""
    blocks = [f"Workflow enrollments at {doc['now']}; re-engagement after {doc['reengage_days']} days"]
    for key, flow in doc["workflows"].items():
        rows = [[e["object_type"], e["object_id"], e["contact_id"], e["enrolled_at"], e["reason"],
                 e["unenrolled_at"] or "", e["unenroll_reason"] or ""] for e in flow["enrollments"]]
        body = table(["Object", "Id", "Contact", "Enrolled at", "Reason", "Unenrolled at", "Why"], rows)
        blocks.append(section(f"{key} {flow['title']}", body,
                              f"enrolled: {flow['enrolled']}, still enrolled: {flow['active']}"))
    return "\n\n".join(blocks) + "\n"
