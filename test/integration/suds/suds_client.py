"""Drives the ATWS simulator with Debian's python3-suds, a third-party WSDL-driven SOAP client.

Usage: suds_client.py BASE_URL USERNAME INTEGRATION_CODE  (the password comes on stdin, so it
never shows in a process list). Prints one JSON object with what it saw; the Node test
(suds.test.ts) checks it. Any failure raises, and the exit status is non-zero.
"""
import datetime
import json
import sys

from suds.client import Client
from suds.transport.https import HttpAuthenticated

base, username, integration_code = sys.argv[1:4]
password = sys.stdin.readline().rstrip("\n")
wsdl = base + "/atservices/1.6/atws.wsdl"
seen = {}

# 1. Zone discovery, anonymous, as every ATWS client starts.
anonymous = Client(wsdl, cache=None)
zone = anonymous.service.getZoneInfo(username)
assert zone.ErrorCode == 0, zone
seen["zone_url"] = str(zone.URL)
unknown = anonymous.service.getZoneInfo("nobody@example.invalid")
seen["unknown_zone_error"] = int(unknown.ErrorCode)
seen["unknown_zone_url"] = getattr(unknown, "URL", None)

# 2. The authenticated client on the zone's URL, with the integration code header.
client = Client(wsdl, location=str(zone.URL), cache=None,
                transport=HttpAuthenticated(username=username, password=password))
header = client.factory.create("AutotaskIntegrations")
header.IntegrationCode = integration_code
client.set_options(soapheaders=header)


def query(xml):
    result = client.service.query(xml)
    assert result.ReturnCode == 1, result
    return list(result.EntityResults.Entity) if result.EntityResults else []


# 3. Paging past 500 with id >.
last, total, pages = -1, 0, 0
while True:
    page = query('<queryxml><entity>Ticket</entity><query><field>id<expression op="greaterthan">%d</expression>'
                 '</field></query></queryxml>' % last)
    pages += 1
    total += len(page)
    if len(page) < 500:
        break
    last = int(page[-1].id)
seen["paged_tickets"] = total
seen["pages"] = pages
first = query('<queryxml><entity>Ticket</entity><query><field>id<expression op="equals">1</expression>'
              '</field></query></queryxml>')[0]
seen["first_ticket_type"] = first.__class__.__name__
seen["first_ticket_create_date"] = first.CreateDate.isoformat() if isinstance(first.CreateDate, datetime.datetime) else repr(first.CreateDate)
seen["first_ticket_status_is_int"] = isinstance(first.Status, int)

# 4. Picklists, parent/child included.
fields = {f.Name: f for f in client.service.GetFieldInfo("Ticket").Field}


def picklist(name):
    return [(str(v.Label), str(v.Value), getattr(v, "parentValue", None)) for v in fields[name].PicklistValues.PickListValue]


status = dict((label, value) for label, value, _ in picklist("Status"))
priority = dict((label, value) for label, value, _ in picklist("Priority"))
queues = dict((label, value) for label, value, _ in picklist("QueueID"))
issues = dict((label, value) for label, value, _ in picklist("IssueType"))
seen["status_complete"] = status["Complete"]
seen["priority_high"] = priority["High"]
seen["sub_issue_parent"] = str(fields["SubIssueType"].PicklistParentValueField)
seen["mouse_under_hardware"] = any(
    label == "Mouse" and parent == issues["Hardware Failure"] for label, _, parent in picklist("SubIssueType"))

# 5. Create, then update.
ticket = client.factory.create("Ticket")
ticket.Title = "Created by suds"
ticket.AccountID = 0
ticket.DueDateTime = datetime.datetime(2025, 4, 1, 16, 30, 0)
ticket.Priority = int(priority["High"])
ticket.Status = int(status["New"])
ticket.QueueID = int(queues["Client Portal"])
entities = client.factory.create("ArrayOfEntity")
entities.Entity.append(ticket)
created = client.service.create(entities)
assert created.ReturnCode == 1, created
new = created.EntityResults.Entity[0]
seen["created_id"] = int(new.id)
seen["created_due"] = new.DueDateTime.isoformat()
new.Title = "Updated by suds"
new.Status = int(status["Complete"])
entities = client.factory.create("ArrayOfEntity")
entities.Entity.append(new)
updated = client.service.update(entities)
assert updated.ReturnCode == 1, updated
seen["updated_title"] = str(updated.EntityResults.Entity[0].Title)
bad = client.factory.create("Ticket")
bad.Title = "missing fields"
entities = client.factory.create("ArrayOfEntity")
entities.Entity.append(bad)
failed = client.service.create(entities)
seen["failed_code"] = int(failed.ReturnCode)
seen["failed_message"] = str(failed.Errors.ATWSError[0].Message)

# 6. UDFs, invoice markup, usage, version.
seen["ticket_udfs"] = [str(f.Name) for f in client.service.getUDFInfo("Ticket").Field]
seen["invoice_html_start"] = str(client.service.GetInvoiceMarkup(3, "HTML"))[:6]
usage = client.service.getThresholdAndUsageInfo()
seen["usage_message"] = str(usage.EntityReturnInfoResults.EntityReturnInfo[0].Message)
seen["wsdl_version"] = str(client.service.GetWsdlVersion())
seen["entity_info_count"] = len(client.service.getEntityInfo().EntityInfo)

print(json.dumps(seen))
