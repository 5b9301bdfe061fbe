"""REST routes of cart price rules (admin only)."""

from fastapi import APIRouter

from sellable.kit.responses import MagentoJSONResponse
from sellable.kit.search_criteria import search_result
from sellable.kit.web import AdminCaller, Criteria, DbSession
from sellable.salesrule import service
from sellable.salesrule.schemas import RuleSave
from sellable.salesrule.serializers import rule_json

router = APIRouter(tags=["salesrule"])


@router.get("/V1/salesRules/search")
def search_rules(
    criteria: Criteria, session: DbSession, _admin: AdminCaller
) -> MagentoJSONResponse:
    """Cart price rules matching searchCriteria."""
    rules, total = service.search_rules(session, criteria)
    items = [rule_json(rule) for rule in rules]
    return MagentoJSONResponse(search_result(items, criteria, total))


@router.post("/V1/salesRules")
def create_rule(
    body: RuleSave, session: DbSession, _admin: AdminCaller
) -> MagentoJSONResponse:
    """Create a cart price rule."""
    return MagentoJSONResponse(rule_json(service.create_rule(session, body.rule)))


@router.get("/V1/salesRules/{rule_id}")
def get_rule(
    rule_id: int, session: DbSession, _admin: AdminCaller
) -> MagentoJSONResponse:
    """One cart price rule."""
    return MagentoJSONResponse(rule_json(service.get_rule(session, rule_id)))


@router.put("/V1/salesRules/{rule_id}")
def update_rule(
    rule_id: int, body: RuleSave, session: DbSession, _admin: AdminCaller
) -> MagentoJSONResponse:
    """Change a cart price rule; fields not sent keep their value."""
    rule = service.update_rule(session, rule_id, body.rule)
    return MagentoJSONResponse(rule_json(rule))


@router.delete("/V1/salesRules/{rule_id}")
def delete_rule(rule_id: int, session: DbSession, _admin: AdminCaller) -> bool:
    """Delete a cart price rule."""
    service.delete_rule(session, rule_id)
    return True
