"""The skill barter: posts, exchanges between two members, balances, thanks.

Plain functions; each change happens in one transaction and raises CommunityError
(already translated) when refused, so nothing is stored on bad input.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from community.models import BarterPost, Endorsement, Exchange, Skill
from community.models.barter import MAX_HOURS, MIN_HOURS
from community.services import CommunityError, ensure_profile


@transaction.atomic
def create_post(author, *, kind: str, title: str, description: str, skill: Skill, language: str):
    return BarterPost.objects.create(
        author=author,
        kind=kind,
        title=title,
        description=description,
        skill=skill,
        language=language,
    )


@transaction.atomic
def close_post(post: BarterPost) -> BarterPost:
    post.state = BarterPost.State.CLOSED
    post.save(update_fields=["state"])
    return post


@transaction.atomic
def record_exchange(
    recorder,
    other,
    *,
    recorder_gave: bool,
    skill: Skill,
    hours: Decimal,
    note: str = "",
    post: BarterPost | None = None,
) -> Exchange:
    """One side records hours of help; it counts once the other side confirms."""
    if other is None or not other.is_active:
        raise CommunityError(_("This member cannot take part in an exchange."))
    if other.pk == recorder.pk:
        raise CommunityError(_("An exchange takes two different members."))
    if not (MIN_HOURS <= hours <= MAX_HOURS):
        raise CommunityError(_("Hours must be between 0.25 and 100."))
    if post is not None and recorder.pk != post.author_id and other.pk != post.author_id:
        raise CommunityError(_("This exchange does not concern the author of the post."))
    giver, receiver = (recorder, other) if recorder_gave else (other, recorder)
    giver_space = ensure_profile(giver).home_space
    receiver_space = ensure_profile(receiver).home_space
    cross_border = bool(
        giver_space and receiver_space and giver_space.country != receiver_space.country
    )
    return Exchange.objects.create(
        giver=giver,
        receiver=receiver,
        skill=skill,
        hours=hours,
        note=note,
        post=post,
        recorded_by=recorder,
        giver_space=giver_space,
        receiver_space=receiver_space,
        cross_border=cross_border,
    )


@transaction.atomic
def answer_exchange(exchange: Exchange, *, confirm: bool) -> Exchange:
    # Lock the row: a double click must not confirm twice or confirm a declined one.
    exchange = Exchange.objects.select_for_update().get(pk=exchange.pk)
    if exchange.state != Exchange.State.PENDING:
        raise CommunityError(_("This exchange has already been answered."))
    if confirm:
        exchange.state = Exchange.State.CONFIRMED
        exchange.confirmed_at = timezone.now()
    else:
        exchange.state = Exchange.State.DECLINED
    exchange.save(update_fields=["state", "confirmed_at"])
    return exchange


@dataclass(frozen=True)
class Balance:
    given: Decimal
    received: Decimal

    @property
    def net(self) -> Decimal:
        return self.given - self.received


def balance(user) -> Balance:
    """Hours given and received in confirmed exchanges (one query)."""
    confirmed = Exchange.objects.filter(state=Exchange.State.CONFIRMED)
    totals = confirmed.filter(Q(giver=user) | Q(receiver=user)).aggregate(
        given=Sum("hours", filter=Q(giver=user)),
        received=Sum("hours", filter=Q(receiver=user)),
    )
    return Balance(totals["given"] or Decimal(0), totals["received"] or Decimal(0))


@transaction.atomic
def endorse(author, recipient, *, skill: Skill | None, message: str) -> Endorsement:
    """Thank a member (a message) or endorse one of their skills."""
    if author.pk == recipient.pk:
        raise CommunityError(_("You cannot thank or endorse yourself."))
    if not recipient.is_active:
        raise CommunityError(_("This member cannot receive thanks."))
    if skill is None and not message.strip():
        raise CommunityError(_("Write a message of thanks or choose a skill to endorse."))
    if skill is not None:
        offered = ensure_profile(recipient).skills_offered.filter(pk=skill.pk).exists()
        if not offered:
            raise CommunityError(_("This member does not offer this skill."))
    try:
        with transaction.atomic():
            return Endorsement.objects.create(
                author=author, recipient=recipient, skill=skill, message=message.strip()
            )
    except IntegrityError as error:
        raise CommunityError(_("You have already endorsed this skill of this member.")) from error
