"""The talent app's rules beyond saving a form: the review (审核) of job postings, closing
them, and taking a firm's project posting up as a 招商 lead. Keyword-only functions that
raise ``ValidationError`` / ``PermissionDenied`` (pages and the API answer them)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gaoxin.attraction import services_leads
from gaoxin.core import roles
from gaoxin.core.context import acting_as, change_message
from gaoxin.enterprises.models import firm_right

from .models import JobPosting, PostingStatus, ProjectPosting, ProjectPostingStatus

REVIEW_PERM = "talent.review_jobposting"


def require_jobs_right(user) -> None:
    """A firm's user posts and changes jobs only with the jobs right (招聘) the firm's
    administrator gives (gaoxin.portal); zone staff are not bound to a firm."""
    if not firm_right(user, "may_post_jobs"):
        raise PermissionDenied(_("Your firm's administrator has not given you the right to post jobs."))


def job_posting_review(*, user, posting: JobPosting, approve: bool, note: str = "") -> JobPosting:
    """Publish a posting awaiting review, or return it to the firm with a reason."""
    if not user.has_perm(REVIEW_PERM):
        raise PermissionDenied(_("Only zone staff review job postings."))
    if posting.status != PostingStatus.PENDING:
        raise ValidationError(_("Only a posting awaiting review can be reviewed."))
    note = (note or "").strip()
    if not approve and not note:
        raise ValidationError({"note": _("Say why the posting is returned.")})
    posting.snapshot()
    posting.status = PostingStatus.PUBLISHED if approve else PostingStatus.REJECTED
    posting.reviewed_by, posting.reviewed_on, posting.review_note = user, timezone.localdate(), note
    word = _("Published") if approve else _("Returned")
    with transaction.atomic(), acting_as(user, "web"), change_message(f"{word} {note}".strip()):
        posting.save()
    return posting


def job_posting_resubmit(*, user, posting: JobPosting) -> JobPosting:
    """The firm sends a returned posting (after correcting it) back for review."""
    if not _may_act_for(user, posting.enterprise_id):
        raise PermissionDenied(_("Only the firm or zone staff may resubmit this posting."))
    if posting.status != PostingStatus.REJECTED:
        raise ValidationError(_("Only a returned posting is resubmitted."))
    posting.snapshot()
    posting.status = PostingStatus.PENDING
    with transaction.atomic(), acting_as(user, "web"), change_message(_("Resubmitted for review")):
        posting.save()
    return posting


def job_posting_close(*, user, posting: JobPosting) -> JobPosting:
    """Take a posting off the board (filled or withdrawn), by its firm or zone staff."""
    if not _may_act_for(user, posting.enterprise_id):
        raise PermissionDenied(_("Only the firm or zone staff may close this posting."))
    if posting.status == PostingStatus.CLOSED:
        raise ValidationError(_("The posting is already closed."))
    posting.snapshot()
    posting.status = PostingStatus.CLOSED
    with transaction.atomic(), acting_as(user, "web"), change_message(_("Closed")):
        posting.save()
    return posting


def _may_act_for(user, enterprise_id: int) -> bool:
    if not user.has_perm("talent.change_jobposting"):
        return False
    return roles.sees_whole_zone(user) or roles.bound_enterprise_id(user) == enterprise_id


def project_posting_to_lead(*, user, posting: ProjectPosting):
    """Turn an open project posting into a 招商 lead in one step: the lead names the firm,
    the planned investment, the land and the industry, and says where it came from; the
    posting keeps the lead and is marked taken up. Both saves are audited together."""
    if not (roles.sees_whole_zone(user) and user.has_perm("attraction.add_lead")):
        raise PermissionDenied(_("Only zone staff who record leads take a project up."))
    if posting.status != ProjectPostingStatus.OPEN or posting.lead_id:
        raise ValidationError(_("Only an open project posting is taken up as a lead."))
    firm = posting.enterprise
    with transaction.atomic(), acting_as(user, "web"), change_message(_("Taken up as a lead")):
        lead = services_leads.lead_create(
            user=user,
            company_name=firm.name,
            enterprise=firm,
            contact=f"{posting.contact} {posting.contact_phone}".strip()[:100],
            source=_("Project posting by the firm")[:100],
            lead_industry=posting.lead_industry,
            intended_investment=posting.investment,
            intended_land_mu=posting.land_mu,
            note=_("From the project posting “%(title)s” (%(url)s):\n%(description)s")
            % {
                "title": posting.title,
                "url": reverse("talent:projectposting_detail", args=[posting.pk]),
                "description": posting.description,
            },
        )
        posting.snapshot()
        posting.lead, posting.status = lead, ProjectPostingStatus.LEAD
        posting.save()
    return lead


def project_posting_close(*, user, posting: ProjectPosting) -> ProjectPosting:
    if not (roles.sees_whole_zone(user) or roles.bound_enterprise_id(user) == posting.enterprise_id):
        raise PermissionDenied
    if not user.has_perm("talent.change_projectposting"):
        raise PermissionDenied
    if posting.status != ProjectPostingStatus.OPEN:
        raise ValidationError(_("Only an open project posting is closed."))
    posting.snapshot()
    posting.status = ProjectPostingStatus.CLOSED
    with transaction.atomic(), acting_as(user, "web"), change_message(_("Closed")):
        posting.save()
    return posting
