"""Create websites, store groups and store views; read the store tree."""

import re
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from sellable.kit.errors import InputError, NotFound, required_field
from sellable.store.models import ConfigValue, StoreGroup, StoreView, Website

CODE_PATTERN = re.compile(r"[A-Za-z][A-Za-z0-9_]*")
CODE_MAX_LENGTH = 32
# sellable has no category tree yet; Magento's root category is id 2.
ROOT_CATEGORIES = {"Default Category": 2}


@dataclass
class GroupNode:
    group: StoreGroup
    views: list[StoreView] = field(default_factory=list)


@dataclass
class WebsiteNode:
    website: Website
    groups: list[GroupNode] = field(default_factory=list)


def create_website(session: Session, code: str, name: str) -> Website:
    """Add a website; its default store group is set by the first group."""
    _check_new_code(session, Website, code, "website")
    website = Website(code=code, name=_required_name(name), default_group_id=0)
    session.add(website)
    session.flush()
    return website


def create_store_group(
    session: Session,
    code: str,
    name: str,
    website_code: str,
    root_category: str | None = None,
) -> StoreGroup:
    """Add a store group to a website; the website's first becomes its default."""
    _check_new_code(session, StoreGroup, code, "store group")
    website = _website(session, website_code)
    group = StoreGroup(
        website_id=website.website_id,
        code=code,
        name=_required_name(name),
        root_category_id=_root_category_id(root_category),
        default_store_id=0,
    )
    session.add(group)
    session.flush()

    if not website.default_group_id:
        website.default_group_id = group.group_id
        session.flush()
    return group


def create_store_view(
    session: Session, code: str, name: str, group_code: str, is_active: bool = True
) -> StoreView:
    """Add a store view to a store group; the group's first becomes its default."""
    _check_new_code(session, StoreView, code, "store view")
    group = _group(session, group_code)
    view = StoreView(
        code=code,
        name=_required_name(name),
        website_id=group.website_id,
        group_id=group.group_id,
        is_active=int(is_active),
    )
    session.add(view)
    session.flush()

    if not group.default_store_id:
        group.default_store_id = view.store_id
        session.flush()
    return view


def store_tree(session: Session) -> list[WebsiteNode]:
    """Every website with its store groups and their store views, by id."""
    websites = session.scalars(select(Website).order_by(Website.website_id))
    nodes = {w.website_id: WebsiteNode(w) for w in websites}
    groups: dict[int, GroupNode] = {}
    for group in session.scalars(select(StoreGroup).order_by(StoreGroup.group_id)):
        groups[group.group_id] = GroupNode(group)
        nodes[group.website_id].groups.append(groups[group.group_id])
    for view in session.scalars(select(StoreView).order_by(StoreView.store_id)):
        groups[view.group_id].views.append(view)
    return list(nodes.values())


def config_values(session: Session) -> list[tuple[ConfigValue, str]]:
    """Every stored config value with the code of its scope (`default` at 0)."""
    rows = session.scalars(
        select(ConfigValue).order_by(
            ConfigValue.path, ConfigValue.scope, ConfigValue.scope_id
        )
    ).all()
    websites = dict(session.execute(select(Website.website_id, Website.code)).all())
    stores = dict(session.execute(select(StoreView.store_id, StoreView.code)).all())
    codes = {"default": {0: "default"}, "websites": websites, "stores": stores}
    return [(row, codes[row.scope].get(row.scope_id, "?")) for row in rows]


StoreModel = type[Website] | type[StoreGroup] | type[StoreView]


def _check_new_code(session: Session, model: StoreModel, code: str, kind: str) -> None:
    if not code:
        raise required_field("code")
    if len(code) > CODE_MAX_LENGTH:
        raise InputError(
            'The %1 code "%2" is longer than %3 characters.',
            [kind, code, CODE_MAX_LENGTH],
        )
    if not CODE_PATTERN.fullmatch(code):
        raise InputError(
            'The %1 code "%2" may contain only letters (a-z), numbers (0-9) or '
            "underscore (_), and the first character must be a letter.",
            [kind, code],
        )
    if session.scalar(select(model).where(model.code == code)) is not None:
        raise InputError('A %1 with the code "%2" already exists.', [kind, code])


def _required_name(name: str) -> str:
    if not name.strip():
        raise required_field("name")
    return name


def _root_category_id(name: str | None) -> int:
    if name is None:
        return ROOT_CATEGORIES["Default Category"]
    if name not in ROOT_CATEGORIES:
        raise NotFound('The root category "%1" was not found.', [name])
    return ROOT_CATEGORIES[name]


def _website(session: Session, code: str) -> Website:
    website = session.scalar(select(Website).where(Website.code == code))
    if website is None:
        raise NotFound('The website with code "%1" was not found.', [code])
    return website


def _group(session: Session, code: str) -> StoreGroup:
    group = session.scalar(select(StoreGroup).where(StoreGroup.code == code))
    if group is None:
        raise NotFound('The store group with code "%1" was not found.', [code])
    return group
