"""The server comparison's pure parts: wrk's report parsed, the Lua request script, the report block."""

from __future__ import annotations

from bench.report import servers_block
from bench.wrk import Target, _lua, parse_wrk

WRK_OUTPUT = """Running 5s test @ http://127.0.0.1:1234/crm/v3/objects/contacts/1001
  2 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     6.41ms    3.02ms  40.11ms   81.20%
    Req/Sec     1.27k   110.52     1.50k    70.00%
  12650 requests in 5.00s, 7.01MB read
  Socket errors: connect 0, read 2, write 0, timeout 1
  Non-2xx or 3xx responses: 4
Requests/sec:   2529.71
Transfer/sec:      1.40MB
"""


def test_wrk_report_is_parsed_into_rate_latency_and_errors():
    parsed = parse_wrk(WRK_OUTPUT)
    assert parsed == {"rps": 2529.71, "mean_ms": 6.41, "requests": 12650, "errors": 7}
    assert parse_wrk("Latency 900.00us\nRequests/sec: 10.5\n")["mean_ms"] == 0.9


def test_lua_script_sends_method_headers_and_json_body():
    script = _lua(Target("POST", "http://h/x", {"Authorization": "Bearer t"}, {"a": "b\"c"}))
    assert 'wrk.method = "POST"' in script
    assert 'wrk.body = "{\\"a\\": \\"b\\\\\\"c\\"}"' in script
    assert 'wrk.headers["Authorization"] = "Bearer t"' in script
    assert "Content-Type" not in _lua(Target("GET", "http://h/x", {}))


def test_servers_block_reports_ratios_and_the_verdict():
    section = {"rows": [{"server": "mock on cheroot (python -m)", "endpoint": "GET contact by id", "rps": 2000.0,
                         "mean_ms": 5.0, "vs_prism": 2.0, "errors": 0},
                        {"server": "Prism (stateless, Node)", "endpoint": "GET contact by id", "rps": 1000.0,
                         "mean_ms": 9.0, "vs_prism": 1.0, "errors": 0}],
               "rounds": 3, "seconds": 5.0, "target": "ours >= Prism", "target_met": True,
               "notes": ["load generator: wrk"]}
    text = servers_block(section)
    assert "| mock on cheroot (python -m) | GET contact by id | 2,000" in text
    assert "ours >= Prism - met." in text and "load generator: wrk" in text
    assert "not checked (no Prism)" in servers_block({**section, "target_met": None})
