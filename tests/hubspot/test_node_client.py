"""Node's official ``@hubspot/api-client`` (v3/v4 paths) makes the connector's calls against the mock (smoke test)."""

from __future__ import annotations

from mocks.hubspot import DEFAULT_TOKEN
from tests.nodejs import node_project, run_node

SCRIPT = r"""
import hubspot from '@hubspot/api-client';
const client = new hubspot.Client({ accessToken: process.env.TOKEN, basePath: process.env.BASE,
                                    numberOfApiCallRetries: 0 });
const out = {};
const created = await client.crm.contacts.basicApi.create({ properties: { email: 'node@example.com' },
                                                            associations: [] });
out.created = created.properties.email;
out.read = (await client.crm.contacts.basicApi.getById(created.id, ['email'])).id === created.id;
const upsert = await client.crm.contacts.batchApi.upsert({ inputs: [
  { id: 'node@example.com', idProperty: 'email', properties: { firstname: 'N' } },
  { id: 'new@example.com', idProperty: 'email', properties: { firstname: 'M' } }] });
out.upsertNew = upsert.results.map(r => r.properties.email + ':' + r._new).sort();
const found = await client.crm.contacts.searchApi.doSearch({ filterGroups: [{ filters: [
  { propertyName: 'firstname', operator: 'EQ', value: 'N' }] }], properties: ['email'], limit: 10, after: '0',
  sorts: [] });
out.searchTotal = found.total;
const deal = await client.crm.deals.basicApi.create({ properties: { dealname: 'Node deal' }, associations: [] });
await client.crm.associations.v4.batchApi.create('deals', 'contacts', { inputs: [
  { _from: { id: deal.id }, to: { id: created.id },
    types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 3 }] }] });
const links = await client.crm.associations.v4.batchApi.getPage('deals', 'contacts',
                                                                { inputs: [{ id: deal.id }] });
out.linked = links.results[0].to.map(t => String(t.toObjectId));
out.pipelines = (await client.crm.pipelines.pipelinesApi.getAll('deals')).results.map(p => p.id);
out.properties = (await client.crm.properties.coreApi.getAll('contacts')).results.length > 10;
await client.crm.contacts.basicApi.archive(created.id);
console.log(JSON.stringify(out));
"""


def test_node_api_client_drives_connector_calls(server):
    project = node_project("@hubspot/api-client@13")
    result = run_node(project, SCRIPT, {"TOKEN": DEFAULT_TOKEN, "BASE": server.url})
    assert result["created"] == "node@example.com" and result["read"] is True
    assert result["upsertNew"] == ["new@example.com:true", "node@example.com:false"]
    assert result["searchTotal"] == 1
    assert len(result["linked"]) == 1
    assert "default" in result["pipelines"] and result["properties"] is True
