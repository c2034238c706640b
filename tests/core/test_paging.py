from mocks.core.paging import decode_cursor, encode_cursor, page_after


def test_cursor_round_trip_and_garbage():
    cursor = encode_cursor({"last_id": 42, "filters": {"created_at_min": "2024-01-01"}})
    assert decode_cursor(cursor) == {"last_id": 42, "filters": {"created_at_min": "2024-01-01"}}
    assert decode_cursor("not a cursor!") is None
    assert decode_cursor("") is None
    assert decode_cursor(encode_cursor({"a": 1})[:-3] + "$$$") is None


def test_keyset_paging_returns_each_record_once_while_records_are_added():
    items = list(range(1, 11))
    seen, after = [], None
    while True:
        page, more = page_after(items, lambda x: x, after, 3)
        seen.extend(page)
        items.append(max(items) + 1) if len(items) < 14 else None  # records arrive meanwhile
        if not more:
            break
        after = page[-1]
    assert seen == sorted(set(seen))
    assert set(range(1, 11)) <= set(seen)


def test_descending_paging():
    items = [9, 7, 5, 3, 1]
    page, more = page_after(items, lambda x: x, 7, 2, reverse=True)
    assert page == [5, 3] and more
