"""``ScriptTag`` through GraphQL and REST over one store: made by one, seen and deleted by the other."""

from __future__ import annotations

from tests.shopify.graphql.conftest import gql

CREATE = """mutation($input: ScriptTagInput!) { scriptTagCreate(input: $input) {
  scriptTag { id legacyResourceId src displayScope cache } userErrors { field message } } }"""
LIST = "query($src: URL) { scriptTags(first: 5, src: $src) { nodes { id src } } }"
DELETE = "mutation($id: ID!) { scriptTagDelete(id: $id) { deletedScriptTagId userErrors { field message } } }"


def test_a_script_tag_made_through_graphql_is_rests_and_back(mock):
    made = gql(mock, CREATE, {"input": {"src": "https://js.example.com/a.js", "displayScope": "ONLINE_STORE"}}
               ).json()["data"]["scriptTagCreate"]
    tag = made["scriptTag"]
    assert made["userErrors"] == [] and tag["displayScope"] == "ONLINE_STORE" and tag["cache"] is False
    rest = mock.get("/script_tags.json").json()["script_tags"]
    assert [(str(t["id"]), t["src"], t["display_scope"]) for t in rest] == [
        (tag["legacyResourceId"], "https://js.example.com/a.js", "online_store")]
    other = mock.post("/script_tags.json", json={"script_tag": {"event": "onload", "src": "https://js.example.com/b.js"}})
    assert other.status_code == 201
    found = gql(mock, LIST, {"src": "https://js.example.com/a.js"}).json()["data"]["scriptTags"]["nodes"]
    assert found == [{"id": tag["id"], "src": "https://js.example.com/a.js"}]
    assert len(gql(mock, LIST, {"src": None}).json()["data"]["scriptTags"]["nodes"]) == 2
    gone = gql(mock, DELETE, {"id": tag["id"]}).json()["data"]["scriptTagDelete"]
    assert gone == {"deletedScriptTagId": tag["id"], "userErrors": []}
    assert [t["src"] for t in mock.get("/script_tags.json").json()["script_tags"]] == ["https://js.example.com/b.js"]


def test_bad_input_is_a_user_error(mock):
    blank = gql(mock, CREATE, {"input": {"src": ""}}).json()["data"]["scriptTagCreate"]
    assert blank["scriptTag"] is None and blank["userErrors"][0]["message"] == "Src can't be blank"
    order_status = gql(mock, CREATE, {"input": {"src": "https://js.example.com/a.js", "displayScope": "ORDER_STATUS"}}
                       ).json()["data"]["scriptTagCreate"]
    assert order_status["scriptTag"] is None and order_status["userErrors"][0]["field"] == ["input", "displayScope"]
    missing = gql(mock, DELETE, {"id": "gid://shopify/ScriptTag/1"}).json()["data"]["scriptTagDelete"]
    assert missing == {"deletedScriptTagId": None, "userErrors": [{"field": ["id"], "message": "Script tag does not exist"}]}
