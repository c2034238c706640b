"""One app's GraphQL runtime: the schema, a bounded cache of parsed and validated documents, the cost
bucket, the bulk operations, and :meth:`GraphQLRuntime.run` which answers one request body."""

from __future__ import annotations

import functools
import itertools
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from graphql import (
    DocumentNode,
    ExecutionResult,
    GraphQLError,
    GraphQLSchema,
    OperationType,
    execute_sync,
    get_operation_ast,
    parse,
    validate,
)

from mocks.core.clock import Clock
from mocks.shopify.graphql.bulk import BulkOperations
from mocks.shopify.graphql.context import Context
from mocks.shopify.graphql.cost import CostModel
from mocks.shopify.graphql.errors import format_error, max_cost_exceeded, throttled
from mocks.shopify.graphql.fast import execute_mutation, execute_query
from mocks.shopify.graphql.mutations import app as app_mutations
from mocks.shopify.graphql.mutations import companies as company_mutations
from mocks.shopify.graphql.mutations import customers as customer_mutations
from mocks.shopify.graphql.mutations import orders as order_mutations
from mocks.shopify.graphql.mutations import products as product_mutations
from mocks.shopify.graphql.objects import (
    bulk_operations,
    checkouts,
    companies,
    customers,
    nodes,
    orders,
    products,
    script_tags,
    shop,
)
from mocks.shopify.graphql.schema import build
from mocks.shopify.graphql.throttle import CostBucket

QUERIES: dict[str, Callable[..., Any]] = {
    "shop": shop.resolve_shop, "customer": customers.resolve_customer, "customers": customers.resolve_customers,
    "product": products.resolve_product, "products": products.resolve_products,
    "productVariant": products.resolve_variant, "productVariants": products.resolve_variants,
    "order": orders.resolve_order, "orders": orders.resolve_orders,
    "abandonedCheckouts": checkouts.resolve_abandoned_checkouts,
    "webhookSubscription": shop.resolve_webhook, "webhookSubscriptions": shop.resolve_webhooks,
    "node": nodes.resolve_node, "nodes": nodes.resolve_nodes,
    "bulkOperation": bulk_operations.resolve_bulk_operation,
    "bulkOperations": bulk_operations.resolve_bulk_operations,
    "currentBulkOperation": bulk_operations.resolve_current_bulk_operation,
    "deletionEvents": shop.resolve_deletion_events, "events": shop.resolve_events,
    "scriptTag": script_tags.resolve_script_tag, "scriptTags": script_tags.resolve_script_tags,
    "companies": companies.resolve_companies, "companiesCount": companies.resolve_companies_count,
    "company": companies.resolve_company, "companyContact": companies.resolve_company_contact,
    "companyLocation": companies.resolve_company_location,
    "companyLocations": companies.resolve_company_locations,
}
MUTATIONS: dict[str, Callable[..., Any]] = {
    "customerCreate": customer_mutations.customer_create, "customerUpdate": customer_mutations.customer_update,
    "customerDelete": customer_mutations.customer_delete, "customerSet": customer_mutations.customer_set,
    "productCreate": product_mutations.product_create, "productUpdate": product_mutations.product_update,
    "productDelete": product_mutations.product_delete, "productSet": product_mutations.product_set,
    "orderCreate": order_mutations.order_create, "orderUpdate": order_mutations.order_update,
    "orderCancel": order_mutations.order_cancel, "orderClose": order_mutations.order_close,
    "fulfillmentCreate": order_mutations.fulfillment_create,
    "scriptTagCreate": script_tags.script_tag_create, "scriptTagDelete": script_tags.script_tag_delete,
    "webhookSubscriptionCreate": app_mutations.webhook_create,
    "webhookSubscriptionUpdate": app_mutations.webhook_update,
    "webhookSubscriptionDelete": app_mutations.webhook_delete,
    "bulkOperationRunQuery": app_mutations.bulk_run_query, "bulkOperationCancel": app_mutations.bulk_cancel,
    "companyCreate": company_mutations.company_create, "companyUpdate": company_mutations.company_update,
    "companyDelete": company_mutations.company_delete, "companiesDelete": company_mutations.companies_delete,
    "companyContactCreate": company_mutations.company_contact_create,
    "companyContactUpdate": company_mutations.company_contact_update,
    "companyContactDelete": company_mutations.company_contact_delete,
    "companyAssignCustomerAsContact": company_mutations.company_assign_customer_as_contact,
    "companyAssignMainContact": company_mutations.company_assign_main_contact,
    "companyRevokeMainContact": company_mutations.company_revoke_main_contact,
    "companyLocationCreate": company_mutations.company_location_create,
    "companyLocationUpdate": company_mutations.company_location_update,
    "companyLocationDelete": company_mutations.company_location_delete,
}
DOCUMENT_CACHE_SIZE = 512
BULK_ID_BASE = 6_200_000_000_000


def _windowed(resolve: Callable[..., Any]) -> Callable[..., Any]:
    """A root query resolver that, inside a bulk query chunk, reads its connection from the chunk's
    cursor and reports where the next chunk starts."""
    def resolver(parent: Any, info: Any, **args: Any) -> Any:
        window = info.context.bulk_window
        if window is None:
            return resolve(parent, info, **args)
        cursor, size, state = window
        value = resolve(parent, info, **{**args, "_chunk": size, "after": cursor, "_memo": state["memo"]})
        page = value.get("pageInfo") if isinstance(value, dict) else None
        state["next"] = page.get("endCursor") if page and page.get("hasNextPage") else None
        return value
    return resolver


def _replayable(resolve: Callable[..., Any]) -> Callable[..., Any]:
    """A root mutation resolver that, when the lean executor already ran this field, gives back its
    recorded value or raises its recorded error instead of running the mutation a second time."""
    def resolver(parent: Any, info: Any, **args: Any) -> Any:
        replay = info.context.replay
        if replay is not None and info.path.key in replay:
            ok, outcome = replay[info.path.key]
            if ok:
                return outcome
            raise outcome
        return resolve(parent, info, **args)
    return resolver


@functools.cache
def served_schema() -> GraphQLSchema:
    """The served schema, built once per process and shared by every app: it holds no app state (the
    resolvers find their app in ``info.context``) and nothing changes it after it is built. Building
    it parses ~200 types (about 75 ms), which every test app would otherwise pay again."""
    return build({name: _windowed(resolve) for name, resolve in QUERIES.items()},
                 {name: _replayable(resolve) for name, resolve in MUTATIONS.items()})


class GraphQLRuntime:
    """Everything the endpoint needs, per app (no module-level state)."""

    def __init__(self, clock: Clock, bucket_size: float = 2000.0, restore_rate: float = 100.0,
                 max_cost: int = 1000, bulk_seconds: float = 1.0,
                 emit: Callable[[str, str, dict], None] | None = None, throttle: bool = True,
                 lock: threading.RLock | None = None, bulk_background: bool = False) -> None:
        self.schema = served_schema()
        self.bucket = CostBucket(clock, bucket_size, restore_rate)
        self.max_cost = max_cost
        self.throttle = throttle  # False (``rate_limit=False``): costs are still reported, never refused
        counter = itertools.count(BULK_ID_BASE + 1)
        self.bulk = BulkOperations(clock, lambda: next(counter), self._bulk_page, bulk_seconds, emit, lock,
                                   background=bulk_background)
        self.bulk.validate = self._validate_bulk
        self._documents: OrderedDict[str, tuple[DocumentNode | None, list[GraphQLError], dict]] = OrderedDict()
        self._requested: OrderedDict[tuple, int] = OrderedDict()  # see requested_cost
        self.parses = 0  # how many texts were parsed and validated (the cache's misses)

    def _validate_bulk(self, document: DocumentNode) -> list[GraphQLError]:
        errors = validate(self.schema, document)
        if errors:
            return list(errors)
        operation = get_operation_ast(document, None)
        field = operation.selection_set.selections[0] if operation else None  # type: ignore[union-attr]
        root = self.schema.query_type.fields.get(getattr(getattr(field, "name", None), "value", ""))
        if root is None or not str(root.type).rstrip("!").endswith("Connection"):
            return [GraphQLError("Bulk queries must contain at least one connection.")]
        return []

    def document(self, text: str) -> tuple[DocumentNode | None, list[GraphQLError]]:
        """The parsed document and its validation errors, each distinct text parsed and validated once."""
        document, errors, _walk = self._entry(text)
        return document, list(errors)

    def _entry(self, text: str) -> tuple[DocumentNode | None, list[GraphQLError], dict]:
        """The cached document, its errors and what the lean executor learnt about it (its plans: kept
        with the document, which holds the nodes their keys name by id)."""
        cached = self._documents.get(text)
        if cached is not None:
            self._documents.move_to_end(text)
            return cached
        self.parses += 1
        try:
            document: DocumentNode | None = parse(text)
            errors = validate(self.schema, document)  # type: ignore[arg-type]
        except GraphQLError as error:
            document, errors = None, [error]
        entry = (document, list(errors), {})
        self._documents[text] = entry
        if len(self._documents) > DOCUMENT_CACHE_SIZE:
            self._documents.popitem(last=False)
        return entry

    def run(self, context: Context, key: str, query: str, variables: dict | None,
            operation_name: str | None, encoding: tuple[object, Callable[[Any], str]] | None = None,
            marked: set[int] | None = None) -> dict:
        """The response body for one request (always HTTP 200). With ``encoding`` (the JSON settings'
        key and the compact dumps) and ``marked``, a query's kept records may come back as JSON text:
        then ``marked`` is not empty and the body must be written with ``rawjson.encode``."""
        self.bulk.refresh(context.shop.name)
        document, errors, walk_cache = self._entry(query)
        if document is None or errors:
            return {"errors": [format_error(e) for e in errors]}
        operation = get_operation_ast(document, operation_name)
        if operation is None:
            message = (f"No operation named \"{operation_name}\"" if operation_name
                       else "An operation name is required")
            return {"errors": [{"message": message}]}
        requested = self.requested_cost(query, document, operation, variables)
        if requested > self.max_cost:
            status = self.bucket.status(key)
            return {"errors": [max_cost_exceeded(requested, self.max_cost)],
                    "extensions": {"cost": self._cost(requested, None, status)}}
        allowed, status = self.bucket.take(key, requested)
        if not allowed and self.throttle:
            return {"errors": [throttled()], "extensions": {"cost": self._cost(requested, None, status)}}
        costs: list[int] = []
        with context.shop.lock:
            data, slow_context = None, context
            if operation.operation == OperationType.QUERY:
                data = execute_query(self.schema, document, operation, variables, context, costs,
                                     encoding, marked, walk_cache)
            elif operation.operation == OperationType.MUTATION:
                replay: dict[str, tuple[bool, Any]] = {}
                data = execute_mutation(self.schema, document, operation, variables, context, replay,
                                        walk_cache)
                slow_context = replace(context, replay=replay) if replay else context
            if data is not None:
                result = ExecutionResult(data, None)
            else:
                result = execute_sync(self.schema, document, context_value=slow_context,
                                      variable_values=variables, operation_name=operation_name)
        if costs:
            actual = costs[0]
        elif operation.operation == OperationType.MUTATION:
            actual = requested  # each root mutation field costs 10, run or not (see cost.py)
        else:
            actual = CostModel(self.schema, document, operation, variables).actual(result.data)
        status = self.bucket.refund(key, requested - actual)
        body: dict[str, Any] = {}
        if result.data is not None or not all(e.path is None for e in result.errors or ()):
            body["data"] = result.data  # executed: present, null when a non-null root field failed
        if result.errors:
            body["errors"] = [format_error(e) for e in result.errors]
        body["extensions"] = {"cost": self._cost(requested, actual, status)}
        return body

    def requested_cost(self, text: str, document: DocumentNode, operation: Any, variables: dict | None) -> int:
        """The requested cost, computed once per query text, operation and variables' shape: it reads only
        the root fields of a mutation, and of a query the page sizes (``first``/``last``) and ``ids`` list
        lengths, so the shape is each variable's integer value or list length."""
        shape: tuple = ()
        if operation.operation != OperationType.MUTATION and variables:
            shape = tuple(sorted((name, value if type(value) is int else len(value) if type(value) is list
                                  else None) for name, value in variables.items()))
        key = (text, operation.name.value if operation.name else None, shape)
        found = self._requested.get(key)
        if found is None:
            found = CostModel(self.schema, document, operation, variables).requested()
            self._requested[key] = found
            if len(self._requested) > DOCUMENT_CACHE_SIZE:
                self._requested.popitem(last=False)
        return found

    @staticmethod
    def _cost(requested: int, actual: int | None, status: Any) -> dict:
        return {"requestedQueryCost": requested, "actualQueryCost": actual, "throttleStatus": status.to_dict()}

    def _bulk_page(self, document: DocumentNode, context: Context, cursor: str | None,
                   chunk: int, memo: dict) -> tuple[dict | None, list, str | None]:
        """One chunk of a bulk query: the top-level connection from ``cursor``, nested ones whole;
        ``memo`` is the operation's, the same for all its chunks."""
        state: dict[str, Any] = {"next": None, "memo": memo}
        bulk_context = replace(context, bulk=True, bulk_window=(cursor, chunk, state))
        operation = get_operation_ast(document, None)
        data = execute_query(self.schema, document, operation, None, bulk_context) if operation else None
        if data is not None:
            return data, [], state["next"]
        state["next"] = None
        result = execute_sync(self.schema, document, context_value=bulk_context)
        return result.data, list(result.errors or []), state["next"]

    def reset(self) -> None:
        self.bucket.reset()
        self.bulk.reset()
