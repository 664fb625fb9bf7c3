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

# 5. The seed README's workflow: create 1,400 tickets in packets of 200, page a bracketed query
#    past 500, close them in packets of 200 as the pages come in (as its close_tickets generator does).
def entity_array(items):
    array = client.factory.create("ArrayOfEntity")
    array.Entity.extend(items)
    return array


def new_ticket(title, issue_type=None):
    ticket = client.factory.create("Ticket")
    ticket.Title = title
    ticket.AccountID = 0
    ticket.DueDateTime = datetime.datetime(2025, 4, 1, 16, 30, 0)
    ticket.Priority = int(priority["Medium"])
    ticket.Status = int(status["New"])
    ticket.QueueID = int(queues["Client Portal"])
    if issue_type is not None:
        ticket.IssueType = int(issue_type)
    return ticket


non_work = issues["Non Work Issues"]
batch_ids, creates = [], 0
for start in range(0, 1400, 200):
    # Every other ticket is a "Non Work Issues" one: the second branch of the bracket.
    packet = [new_ticket("suds batch %d" % i, non_work if i % 2 == 0 else issues["Hardware Failure"])
              for i in range(start, start + 200)]
    result = client.service.create(entity_array(packet))
    creates += 1
    assert result.ReturnCode == 1, result
    batch_ids.extend(int(e.id) for e in result.EntityResults.Entity)
seen["batch_created"] = len(batch_ids)
seen["batch_creates"] = creates
seen["batch_ids"] = [batch_ids[0], batch_ids[-1]]
before = batch_ids[0] - 1


def bracket_query(after_id, first_status):
    # SELECT * FROM Ticket WHERE id > after_id AND (Status = first_status OR IssueType = 'Non Work Issues')
    return ('<queryxml><entity>Ticket</entity><query>'
            '<field>id<expression op="GreaterThan">%d</expression></field>'
            '<condition operator="AND">'
            '<condition operator="OR"><field>Status<expression op="Equals">%s</expression></field></condition>'
            '<condition operator="OR"><field>IssueType<expression op="Equals">%s</expression></field></condition>'
            '</condition></query></queryxml>' % (after_id, first_status, non_work))


def page_all(first_status):
    last, found, pages = before, [], 0
    while True:
        page = query(bracket_query(last, first_status))
        pages += 1
        found.extend(page)
        if len(page) < 500:
            return found, pages
        last = int(page[-1].id)


# Before closing, only the Non Work half matches "Complete OR Non Work": without the bracket the
# seeded Non Work tickets (ids <= before) would match too.
half, half_pages = page_all(status["Complete"])
seen["bracket_before_close"] = [len(half), half_pages, sorted(int(t.id) for t in half) == batch_ids[0::2]]

last, pending, pages, updates, closed, order = before, [], 0, 0, [], []
while True:
    page = query(bracket_query(last, status["New"]))
    pages += 1
    order.append("query %d" % len(page))
    for ticket in page:
        ticket.Status = int(status["Complete"])
        pending.append(ticket)
        if len(pending) == 200:
            result = client.service.update(entity_array(pending))
            assert result.ReturnCode == 1, result
            updates += 1
            order.append("update %d" % len(pending))
            closed.extend(int(e.id) for e in result.EntityResults.Entity if int(e.Status) == int(status["Complete"]))
            pending = []
    if len(page) < 500:
        break
    last = int(page[-1].id)
if pending:
    result = client.service.update(entity_array(pending))
    assert result.ReturnCode == 1, result
    updates += 1
    order.append("update %d" % len(pending))
    closed.extend(int(e.id) for e in result.EntityResults.Entity if int(e.Status) == int(status["Complete"]))
seen["close_order"] = order
seen["closed"] = sorted(closed) == batch_ids

# 6. CRUD on one ticket: create (with a UDF), update, refresh, and delete where the API allows it.
ticket = new_ticket("Created by suds")
ticket.Priority = int(priority["High"])
udfs = client.factory.create("ArrayOfUserDefinedField")
room = client.factory.create("UserDefinedField")
room.Name = "Room"
room.Value = "Suds room 'B' \u00e9t\u00e9"
udfs.UserDefinedField.append(room)
ticket.UserDefinedFields = udfs
created = client.service.create(entity_array([ticket]))
assert created.ReturnCode == 1, created
new = created.EntityResults.Entity[0]
seen["created_id"] = int(new.id)
seen["created_due"] = new.DueDateTime.isoformat()
new.Title = "Updated by suds"
new.Status = int(status["Complete"])
new.RmaStatus = 2  # a field of metadata 1.6.8 that the reference 1.6 WSDL lacks (declared, derived)
updated = client.service.update(entity_array([new]))
assert updated.ReturnCode == 1, updated
seen["updated_title"] = str(updated.EntityResults.Entity[0].Title)
refreshed = query('<queryxml><entity>Ticket</entity><query><field>id<expression op="equals">%d</expression>'
                  '</field></query></queryxml>' % int(new.id))
seen["refreshed_title"] = str(refreshed[0].Title)
seen["refreshed_rma_status"] = getattr(refreshed[0], "RmaStatus", None)
# (No '<' or '&' in this value: suds escapes the sXML string but leaves "&lt;" and the like as they
# are, so a queryxml with escaped text would reach any server unescaped once too often.)
by_udf = query('<queryxml><entity>Ticket</entity><query><field udf="true">Room<expression op="equals">'
               'suds ROOM \'b\' \u00e9t\u00e9</expression></field></query></queryxml>')
seen["udf_query_ids"] = [int(t.id) for t in by_udf]
seen["udf_read_back"] = dict((str(u.Name), None if getattr(u, "Value", None) is None else str(u.Value))
                             for u in by_udf[0].UserDefinedFields.UserDefinedField).get("Room")

item = client.factory.create("TicketChecklistItem")
item.TicketID = int(new.id)
item.ItemName = "Replace toner"
made = client.service.create(entity_array([item]))
assert made.ReturnCode == 1, made
item_id = int(made.EntityResults.Entity[0].id)
item_query = ('<queryxml><entity>TicketChecklistItem</entity><query><field>id<expression op="equals">%d'
              '</expression></field></query></queryxml>' % item_id)
seen["checklist_before_delete"] = len(query(item_query))
deleted = client.service.delete(entity_array([made.EntityResults.Entity[0]]))
seen["delete_code"] = int(deleted.ReturnCode)
seen["checklist_after_delete"] = len(query(item_query))

# An entity of metadata 1.6.8 that the reference 1.6 WSDL lacks: suds builds it from the served WSDL.
library = client.factory.create("ChecklistLibrary")
library.Name = "Suds onboarding"
library.EntityType = 1
library.Active = True
made_library = client.service.create(entity_array([library]))
assert made_library.ReturnCode == 1, made_library
libraries = query('<queryxml><entity>ChecklistLibrary</entity><query><field>Name<expression op="equals">'
                  'Suds onboarding</expression></field></query></queryxml>')
seen["library"] = [[l.__class__.__name__, int(l.id), str(l.Name)] for l in libraries]
seen["library_created_id"] = int(made_library.EntityResults.Entity[0].id)

bad = client.factory.create("Ticket")
bad.Title = "missing fields"
failed = client.service.create(entity_array([bad]))
seen["failed_code"] = int(failed.ReturnCode)
seen["failed_messages"] = [str(e.Message) for e in failed.Errors.ATWSError]

# 7. UDF definitions, invoice markup (HTML and XML), usage, version.
seen["ticket_udfs"] = [str(f.Name) for f in client.service.getUDFInfo("Ticket").Field]
seen["invoice_html_start"] = str(client.service.GetInvoiceMarkup(3, "HTML"))[:6]
seen["invoice_xml_start"] = str(client.service.GetInvoiceMarkup(3, "XML")).lstrip()[:5]
usage = client.service.getThresholdAndUsageInfo()
seen["usage_message"] = str(usage.EntityReturnInfoResults.EntityReturnInfo[0].Message)
seen["wsdl_version"] = str(client.service.GetWsdlVersion())
seen["entity_info_count"] = len(client.service.getEntityInfo().EntityInfo)

print(json.dumps(seen))
